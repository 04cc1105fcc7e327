package io.hookline.delivery.control;

import io.hookline.delivery.outbound.OutboundCall;
import io.hookline.delivery.throttle.EndpointSlots;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.EJBException;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import jakarta.transaction.SystemException;
import jakarta.transaction.UserTransaction;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.Retry;

/**
 * What the delivery listener hands each JMS message to, outside any transaction: runs the tries in
 * {@link Deliverer}'s transactions, each with a timeout longer than a try can take ({@link
 * TryTransactionTimeout}), and sees that a try whose transaction fails (its outcome not recorded)
 * is not made again without end. Each such failure is counted on the delivery in a transaction of
 * its own; the message then goes back to the broker for another try, until the delivery is declared
 * dead at the limit. When the count cannot be written either (the database down), the original
 * failure goes back to the broker as it is, and redelivery goes on as before.
 */
@Stateless
@TransactionManagement(TransactionManagementType.BEAN)
public class DeliveryTurns {
  private static final Logger LOG = Logger.getLogger(DeliveryTurns.class.getName());

  /** Where MP Config overrides the outbound call's {@code @Retry} (most specific first). */
  private static final List<String> CALL_RETRY_KEYS =
      List.of(
          OutboundCall.class.getName() + "/post/Retry/",
          OutboundCall.class.getName() + "/Retry/",
          "Retry/");

  @Inject Deliverer deliverer;
  @Inject EndpointSlots slots;
  @Inject DeliveryQueue queue;
  @Inject DeliveryMetrics metrics;

  /** How long the tries of one batch may take before the rest go on in another message. */
  @Inject
  @ConfigProperty(name = "hookline.delivery.batch-budget", defaultValue = "PT1S")
  Duration batchBudget;

  @Inject
  @ConfigProperty(name = "hookline.delivery.timeout", defaultValue = "PT15S")
  Duration deliveryTimeout;

  @Inject
  @ConfigProperty(name = "hookline.delivery.connect-timeout", defaultValue = "PT5S")
  Duration connectTimeout;

  @Inject Config config;

  /**
   * Begins no transaction: it sets the timeout of those {@link Deliverer} begins on this thread.
   * Payara's container begins a bean's transaction with the timeout its thread was given (the
   * bean's {@code cmt-timeout-in-seconds} aside), as a {@code UserTransaction} does.
   */
  @Resource UserTransaction transactions;

  /** {@link TryTransactionTimeout} for the configured timeouts and retries. */
  private int transactionTimeoutSeconds;

  @PostConstruct
  void init() {
    int retries = callRetries();
    transactionTimeoutSeconds =
        retries < 0
            ? TryTransactionTimeout.secondsUntil(connectTimeout, deliveryTimeout, callMaxDuration())
            : TryTransactionTimeout.seconds(connectTimeout, deliveryTimeout, retries);
  }

  /**
   * How long Fault Tolerance goes on retrying one outbound call, configured or its annotation's, in
   * the annotation's (or the configured) unit.
   */
  private Duration callMaxDuration() {
    Retry retry = postRetry();
    long amount = retryOverride("maxDuration", Long.class).orElse(retry.maxDuration());
    java.time.temporal.ChronoUnit unit =
        retryOverride("durationUnit", String.class)
            .map(java.time.temporal.ChronoUnit::valueOf)
            .orElse(retry.durationUnit());
    return Duration.of(amount, unit);
  }

  /** A Fault Tolerance override of OutboundCall.post's {@code @Retry}, most specific first. */
  private <T> java.util.Optional<T> retryOverride(String parameter, Class<T> type) {
    for (String prefix : CALL_RETRY_KEYS) {
      java.util.Optional<T> configured = config.getOptionalValue(prefix + parameter, type);
      if (configured.isPresent()) {
        return configured;
      }
    }
    return java.util.Optional.empty();
  }

  private static Retry postRetry() {
    try {
      return OutboundCall.class
          .getMethod("post", String.class, Map.class, byte[].class)
          .getAnnotation(Retry.class);
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException("OutboundCall.post(String, Map, byte[]) not found", e);
    }
  }

  /**
   * The retries Fault Tolerance makes of one outbound call: configured, or its annotation's; -1
   * means until {@link #callMaxDuration()}.
   */
  private int callRetries() {
    return retryOverride("maxRetries", Integer.class).orElse(postRetry().maxRetries());
  }

  /**
   * Gives the transactions this thread begins next (the tries', the counts', the requeues') the
   * try's timeout instead of the server's default, which may be none or shorter than a try. The
   * resource adapter's threads that call this begin no other transactions.
   */
  private void boundTransactions() {
    try {
      transactions.setTransactionTimeout(transactionTimeoutSeconds);
    } catch (SystemException e) {
      throw new EJBException("could not set the delivery transactions' timeout", e);
    }
  }

  /**
   * One delivery's message: see {@link Deliverer#attempt(String, int, boolean)}. As a batch's, it
   * first takes a slot of its endpoint on this node; with none free, the message goes back to the
   * queue as it is, before any row is read or transaction begun, and waits longer each time this
   * happens to it. A hanging endpoint's backlog then costs a message's round trip a wait, where a
   * transaction that put it off through the broker's two phases each time took the consumers from
   * the other endpoints (a 10 s hang on one endpoint of six took the others' p99 from 132 ms to 0.8
   * s, and to 8.3 s as it went on).
   *
   * <p>An ordered endpoint's delivery, a revived dead letter and a message that names no endpoint
   * take the slot inside the try, after their turn, gate and row are checked, so that waiting their
   * turn never holds a slot.
   *
   * @param endpointId the endpoint the message names; null if it does not
   * @param messageId the message the delivery is of, as its JMS message names it (for selectors)
   * @param ordered the delivery is an ordered endpoint's
   * @param busyRounds how often this message found its endpoint busy before
   */
  public void attempt(
      String deliveryId,
      String endpointId,
      String messageId,
      boolean ordered,
      int attempt,
      int busyRounds,
      boolean revived) {
    boundTransactions();
    Deliverer.forgetRequest();
    if (endpointId == null || revived || ordered) {
      try {
        deliverer.attempt(deliveryId, attempt, revived);
      } catch (RuntimeException failed) {
        countOrRethrow(deliveryId, failed, revived);
      }
      return;
    }
    if (!slots.tryAcquire(endpointId)) {
      putBackBusy(List.of(deliveryId), endpointId, messageId, attempt, busyRounds, null);
      return;
    }
    try {
      deliverer.attemptHoldingSlot(deliveryId, attempt);
    } catch (RuntimeException failed) {
      countOrRethrow(deliveryId, failed, false);
    } finally {
      slots.release(endpointId);
    }
  }

  /**
   * Tries the deliveries of one JMS message, to one endpoint, in order, each in a transaction of
   * its own ({@link Deliverer#attemptInBatch}): a failure later in the batch then undoes no try
   * already made, and the subscriber gets again only the one that was in flight. The batch saves
   * the message, its broker round trips and the slot's acquisition, not the commits: one per try, a
   * local one for a success, as a single message costs. When a try fails, or the batch has taken
   * {@code hookline.delivery.batch-budget}, the rest go on in a message of their own; when a try is
   * put off (the endpoint busy, rate-limited or its breaker open), it and the rest are put off
   * together.
   *
   * <p>A try whose transaction fails is counted as a single message's is; under the limit the
   * message goes back to the broker, and comes back split into one message a delivery ({@link
   * Deliverer#splitUp}), where the tries already made find their rows settled and do nothing.
   *
   * <p>The batch holds one of its endpoint's slots on this node throughout; with none free, its
   * message goes back to the queue as it is, before any row is read, and waits twice as long each
   * time this happens to it (up to 16 busy waits): a backlog to one endpoint then costs few
   * transactions while it waits, and the other endpoints keep the consumers.
   *
   * @param endpointId the endpoint the message says its deliveries are to; null if it does not
   * @param busyRounds how often this message found its endpoint busy before
   * @param redelivered the message was delivered before and its handling failed
   * @param traces the trace each delivery continues, by id, when they differ (single sends accepted
   *     together); null when they all continue the current one
   */
  public void attemptBatch(
      String endpointId,
      List<String> deliveryIds,
      int attempt,
      int busyRounds,
      boolean redelivered,
      Map<String, Map<String, String>> traces) {
    boundTransactions();
    if (redelivered || endpointId == null) {
      deliverer.splitUp(deliveryIds, attempt, traces);
      return;
    }
    if (!slots.tryAcquire(endpointId)) {
      putBackBusy(deliveryIds, endpointId, null, attempt, busyRounds, traces);
      return;
    }
    try {
      attemptHoldingSlot(endpointId, deliveryIds, attempt, traces);
    } finally {
      slots.release(endpointId);
    }
  }

  /**
   * Queues a message whose endpoint had no free slot again as it is, untouched, to come back after
   * a wait that doubles with each busy round, up to four times the busy wait.
   */
  private void putBackBusy(
      List<String> deliveryIds,
      String endpointId,
      String messageId,
      int attempt,
      int busyRounds,
      Map<String, Map<String, String>> traces) {
    queue.requeueBatch(
        deliveryIds,
        endpointId,
        messageId,
        attempt,
        busyRounds + 1,
        slots.busyWait().multipliedBy(1L << Math.min(busyRounds, 2)),
        traces);
  }

  private void attemptHoldingSlot(
      String endpointId,
      List<String> deliveryIds,
      int attempt,
      Map<String, Map<String, String>> traces) {
    long deadline = System.nanoTime() + batchBudget.toNanos();
    int tried = 0;
    try {
      for (int i = 0; i < deliveryIds.size(); i++) {
        String deliveryId = deliveryIds.get(i);
        Deliverer.Turn turn;
        Deliverer.forgetRequest();
        try {
          turn = deliverer.attemptInBatch(deliveryId, attempt, traces);
        } catch (RuntimeException failed) {
          tried++;
          countOrRethrow(deliveryId, failed, false);
          // Dead at the limit: the batch goes on.
          continue;
        }
        if (turn.putOff() != null) {
          deliverer.requeue(
              deliveryIds.subList(i, deliveryIds.size()), attempt, turn.putOff(), traces);
          break;
        }
        tried++;
        if (i + 1 < deliveryIds.size() && (turn.failed() || System.nanoTime() - deadline > 0)) {
          List<String> rest = deliveryIds.subList(i + 1, deliveryIds.size());
          LOG.fine(() -> "the last " + rest.size() + " deliveries of a batch go on in another");
          deliverer.requeue(rest, attempt, Duration.ZERO, traces);
          break;
        }
      }
    } finally {
      if (tried > 0) {
        metrics.batched(endpointId, tried);
      }
    }
  }

  /**
   * Returns when the delivery wants no other try; throws {@code failed} when it does. Only a try
   * that called the subscriber is counted: one that failed before the call goes back as it is.
   */
  private void countOrRethrow(String deliveryId, RuntimeException failed, boolean revived) {
    if (!Deliverer.requestMade()) {
      throw failed;
    }
    boolean done;
    try {
      done = deliverer.outcomeNotRecorded(deliveryId, rootCause(failed), revived);
    } catch (RuntimeException countFailed) {
      failed.addSuppressed(countFailed);
      throw failed;
    }
    if (!done) {
      throw failed;
    }
  }

  /**
   * The innermost cause's type and the first line of its message, where the database says what it
   * refused; later lines (a refused row's values) stay in the log, not in a reason tenants read.
   */
  static String rootCause(Throwable failure) {
    Throwable root = failure;
    java.util.Set<Throwable> seen =
        java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    while (root.getCause() != null && seen.add(root)) {
      root = root.getCause();
    }
    String message = root.getMessage();
    if (message != null && message.indexOf('\n') >= 0) {
      message = message.substring(0, message.indexOf('\n')).strip();
    }
    return root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}
