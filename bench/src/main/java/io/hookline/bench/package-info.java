/**
 * {@code ./hookline bench}: how much Hookline takes per machine and how fast a subscriber hears of
 * an event, measured against this machine's own ceiling for one durable commit per event. It runs
 * beside the product, never inside it: a separate JVM drives HTTP load and receives the webhooks.
 */
package io.hookline.bench;
