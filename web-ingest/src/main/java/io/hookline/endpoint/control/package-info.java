/** Endpoint rules: URL and filter validation, secret generation and sealing. */
package io.hookline.endpoint.control;
