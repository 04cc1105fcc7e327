/**
 * Checks that an inbound request really comes from its provider, one verifier per provider, and
 * reads the provider's delivery id and event type. Pure: the raw bytes, the headers, the secret and
 * a clock in; a verdict out. Every comparison of secret material is constant-time.
 */
package io.hookline.inbound.verify;
