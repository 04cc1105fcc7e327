/**
 * Pieces every Hookline area shares and that need no container: identifiers and time. Kept in the
 * lowest module so entities, services and tests agree on them.
 */
package io.hookline.platform;
