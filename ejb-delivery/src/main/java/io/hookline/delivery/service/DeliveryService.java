package io.hookline.delivery.service;

import io.hookline.delivery.entity.Delivery;
import io.hookline.delivery.entity.RecoveryTask;
import io.hookline.endpoint.entity.Endpoint;
import io.hookline.message.entity.Message;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * What the rest of Hookline asks of delivery. The web module reaches delivery through this
 * interface alone; how deliveries are queued, tried, throttled and retried stays behind it. Every
 * method but {@link #recover} and {@link #recovery} joins the caller's transaction (and needs one),
 * so what it writes and queues commits or rolls back with the caller's own rows.
 */
public interface DeliveryService {

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
   * Starts a recovery task that re-queues every dead and failing delivery to the endpoint created
   * in [since, until), each for a manual try, in transactions of its own of at most {@code
   * hookline.recover.batch-size} deliveries (the caller's transaction, if any, is suspended
   * meanwhile). The first batch is done before this returns, the rest in the background, on any
   * node. One recovery runs on an endpoint at a time: while one runs, this answers it (whatever its
   * window) rather than starting another.
   *
   * @param requestKey the idempotency key of the request, hashed with its caller (null without
   *     one): a request with the same key within 24 hours gets the task the first one made, also
   *     when the first one's answer was never stored
   * @return the task as it stands after its first batch: finished when that was all
   */
  RecoveryTask recover(
      Endpoint endpoint, OffsetDateTime since, OffsetDateTime until, String requestKey);

  /** A recovery task, or null when there is none by that id. */
  RecoveryTask recovery(String taskId);

  /**
   * The endpoint is deleted: once the caller's transaction commits, this node drops what it keeps
   * in memory about it (its metric series). Other nodes keep theirs until they restart.
   */
  void forget(String endpointId);
}
