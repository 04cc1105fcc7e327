/**
 * Declarative reshaping of inbound events, from a source's {@code transform} rules: pick fields by
 * JSON Pointer into a new shape, rename, drop, add constants, take the event type from a field.
 * Pure, so every rule is unit-tested; a rule that does not fit an event is that event's error.
 */
package io.hookline.inbound.transform;
