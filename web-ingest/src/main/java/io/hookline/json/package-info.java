/**
 * JSON-P helpers every area uses: one provider looked up once, and fields written the same way in
 * every answer. A library, not HTTP: control and inbound code use it too.
 */
package io.hookline.json;
