/** Per-app API tokens as stored: hashed, never in clear. */
package io.hookline.token.entity;
