/**
 * Pieces every Hookline area shares and that need no container: identifiers, time, hashing, event
 * type patterns, and {@link io.hookline.platform.Refusal}, the domain's way of saying a request is
 * wrong. Kept in the lowest module so entities, services and tests agree on them.
 */
package io.hookline.platform;
