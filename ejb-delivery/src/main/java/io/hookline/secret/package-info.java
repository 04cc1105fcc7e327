/**
 * Sealing of endpoint signing secrets at rest with AES-GCM under a master key from config, so a
 * copy of the database alone does not let anyone forge Hookline's signatures.
 */
package io.hookline.secret;
