/**
 * Sealing of endpoint signing secrets at rest with AES-GCM, so a copy of the database alone does
 * not let anyone forge Hookline's signatures. Pure logic; the master key is read from config by
 * {@code io.hookline.runtime.EndpointSecrets}.
 */
package io.hookline.secret;
