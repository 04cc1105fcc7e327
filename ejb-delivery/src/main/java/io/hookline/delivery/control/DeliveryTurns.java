package io.hookline.delivery.control;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;

/**
 * What the delivery listener hands each JMS message to, outside any transaction: runs the tries in
 * {@link Deliverer}'s transactions and sees that a try whose transaction fails (its outcome not
 * recorded) is not made again without end. Each such failure is counted on the delivery in a
 * transaction of its own; the message then goes back to the broker for another try, until the
 * delivery is declared dead at the limit. When the count cannot be written either (the database
 * down), the original failure goes back to the broker as it is, and redelivery goes on as before.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DeliveryTurns {
  @Inject Deliverer deliverer;

  /** One delivery's message: see {@link Deliverer#attempt(String, int, boolean)}. */
  public void attempt(String deliveryId, int attempt, boolean revived) {
    try {
      deliverer.attempt(deliveryId, attempt, revived);
    } catch (RuntimeException failed) {
      countOrRethrow(deliveryId, failed);
    }
  }

  /**
   * A batch's message: see {@link Deliverer#attemptBatch}. A batch whose transaction fails comes
   * back split into one message a delivery, whose failures are counted.
   */
  public void attemptBatch(
      String endpointId,
      List<String> deliveryIds,
      int attempt,
      int busyRounds,
      boolean redelivered,
      Map<String, Map<String, String>> traces) {
    deliverer.attemptBatch(endpointId, deliveryIds, attempt, busyRounds, redelivered, traces);
  }

  /** Returns when the delivery wants no other try; throws {@code failed} when it does. */
  private void countOrRethrow(String deliveryId, RuntimeException failed) {
    boolean done;
    try {
      done = deliverer.outcomeNotRecorded(deliveryId, rootCause(failed));
    } catch (RuntimeException countFailed) {
      failed.addSuppressed(countFailed);
      throw failed;
    }
    if (!done) {
      throw failed;
    }
  }

  /** The innermost cause, where the database's own words are. */
  static String rootCause(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName()
        + (root.getMessage() == null ? "" : ": " + root.getMessage());
  }
}
