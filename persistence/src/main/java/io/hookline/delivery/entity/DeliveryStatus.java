package io.hookline.delivery.entity;

public enum DeliveryStatus {
  /** Accepted and queued; not yet delivered. Failed tries keep it pending until the last one. */
  PENDING,
  DELIVERED,
  /** Every try failed; the JMS message went to the dead-letter address. */
  DEAD
}
