package io.hookline.delivery.service;

import io.hookline.delivery.entity.Delivery;
import io.hookline.endpoint.entity.Endpoint;
import io.hookline.message.entity.Message;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * What the rest of Hookline asks of delivery. The web module reaches delivery through this
 * interface alone; how deliveries are queued, tried, throttled and retried stays behind it. Every
 * method but {@link #recover} joins the caller's transaction (and needs one), so what it writes and
 * queues commits or rolls back with the caller's own rows.
 */
public interface DeliveryService {

  /** The most deliveries one {@link #recover} call re-queues; call again for the rest. */
  int RECOVER_LIMIT = 10_000;

  /** The most deliveries one transaction of a {@link #recover} call re-queues. */
  int RECOVER_BATCH = 500;

  /**
   * Creates and queues one delivery per enabled endpoint of each message's app whose event types
   * match.
   *
   * @param traces the trace context to continue, by message id; null: the current trace for all
   * @return the deliveries made, in message order
   */
  List<Delivery> fanOut(List<Message> messages, Map<String, Map<String, String>> traces);

  /**
   * Sends the message to the endpoint again: a dead or delivered delivery starts a new series of
   * tries (and leaves the dead-letter queue), a pending one is tried at once, and a message never
   * delivered to the endpoint gets a delivery. A try in flight is waited for, and the delivery
   * returned is as it will commit.
   */
  Delivery resend(Message message, Endpoint endpoint);

  /**
   * Re-queues the endpoint's dead and failing deliveries created in [since, until), at most {@link
   * #RECOVER_LIMIT}, in transactions of its own of at most {@link #RECOVER_BATCH} each (the
   * caller's transaction, if any, is suspended meanwhile): each batch that has returned is
   * committed.
   *
   * @return how many were re-queued
   */
  int recover(Endpoint endpoint, OffsetDateTime since, OffsetDateTime until);

  /**
   * The endpoint is deleted: once the caller's transaction commits, this node drops what it keeps
   * in memory about it (its metric series). Other nodes keep theirs until they restart.
   */
  void forget(String endpointId);
}
