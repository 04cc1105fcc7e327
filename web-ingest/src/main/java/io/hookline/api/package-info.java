/**
 * The HTTP surface shared by every resource: the JAX-RS application, bearer-token checks, JSON body
 * reading with field-level errors, and RFC 9457 problem responses so a client never sees a stack
 * trace or an HTML error page.
 */
package io.hookline.api;
