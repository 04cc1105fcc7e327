package io.hookline.delivery.control;

import io.hookline.delivery.entity.Delivery;
import io.hookline.delivery.entity.DeliveryStatus;
import io.hookline.delivery.health.Breakers;
import io.hookline.delivery.outbound.HttpOutcome;
import io.hookline.delivery.outbound.OutboundCall;
import io.hookline.delivery.outbound.ResponsePolicy;
import io.hookline.delivery.outbound.SignatureHeaderSetting;
import io.hookline.delivery.schedule.DeliverySchedule;
import io.hookline.delivery.throttle.AppRates;
import io.hookline.delivery.throttle.EndpointSlots;
import io.hookline.delivery.throttle.RateLimits;
import io.hookline.endpoint.entity.Endpoint;
import io.hookline.endpoint.entity.EndpointHealth;
import io.hookline.message.entity.Message;
import io.hookline.platform.Timestamps;
import io.hookline.runtime.DeliveryTargets;
import io.hookline.runtime.EndpointSecrets;
import io.hookline.runtime.Tracing;
import io.hookline.signature.WebhookSignature;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;

/**
 * One try at one delivery: sign the stored payload, POST it, record the outcome, and in the same
 * transaction schedule the next try or declare the delivery dead. The row, locked for the try,
 * decides: a message for a try already made, or for a settled delivery, does nothing.
 */
@Stateless
public class Deliverer {
  /**
   * Whether the current thread's try has reached the point of calling the subscriber. Only such a
   * try's failed transaction counts against the delivery ({@link DeliveryTurns}): a failure before
   * the call (a busy pool, a lock) cost the subscriber nothing and simply goes back to the broker.
   */
  private static final ThreadLocal<Boolean> REQUEST_MADE = ThreadLocal.withInitial(() -> false);

  /** Starts a try on this thread with no request made yet. */
  static void forgetRequest() {
    REQUEST_MADE.set(Boolean.FALSE);
  }

  /** Whether this thread's try called the subscriber. */
  static boolean requestMade() {
    return REQUEST_MADE.get();
  }

  /** Notes that this thread's try is calling the subscriber now. */
  static void markRequestMade() {
    REQUEST_MADE.set(Boolean.TRUE);
  }

  private static final Logger LOG = Logger.getLogger(Deliverer.class.getName());

  @PersistenceContext EntityManager em;
  @Inject AttemptLog attempts;
  @Inject DeliveryQueue queue;
  @Inject EndpointSecrets secrets;
  @Inject DeliveryTargets targets;
  @Inject EndpointSlots slots;
  @Inject Breakers breakers;
  @Inject RateLimits rateLimits;
  @Inject AppRates appRates;
  @Inject Tracing tracing;
  @Inject OutboundCall outbound;
  @Inject OrderedDeliveries ordered;
  @Inject DeliveryMetrics metrics;
  @Inject DeliverySchedule schedule;
  @Inject SignatureHeaderSetting signatureHeaders;

  @Inject
  @ConfigProperty(name = "hookline.delivery.retry-after-cap", defaultValue = "PT1H")
  Duration retryAfterCap;

  /** Tries in a row whose outcome could not be recorded, after which the delivery is dead. */
  @Inject
  @ConfigProperty(name = "hookline.delivery.record-failure-limit", defaultValue = "5")
  int recordFailureLimit;

  /**
   * @param attempt the try the JMS message is for (1-based); 0 for a message that does not say
   */
  public void attempt(String deliveryId, int attempt) {
    attempt(deliveryId, attempt, false);
  }

  /**
   * @param revived the message is a dead letter sent back to the delivery queue (the Artemis
   *     console's Retry or Move): a dead delivery starts a new round of tries
   */
  public void attempt(String deliveryId, int attempt, boolean revived) {
    attempt(deliveryId, attempt, revived, false);
  }

  /**
   * As {@link #attempt(String, int, boolean)}, by a caller that already holds a slot of the
   * delivery's endpoint on this node ({@link DeliveryTurns}) and releases it after.
   */
  public void attemptHoldingSlot(String deliveryId, int attempt) {
    attempt(deliveryId, attempt, false, true);
  }

  private void attempt(String deliveryId, int attempt, boolean revived, boolean slotHeld) {
    Delivery delivery = em.find(Delivery.class, deliveryId, LockModeType.PESSIMISTIC_WRITE);
    if (delivery == null) {
      warnMissing(deliveryId);
      return;
    }
    Turn turn = attempt(delivery, attempt, revived, slotHeld);
    if (turn.putOff() != null) {
      defer(List.of(delivery), delivery.getAttemptCount() + 1, turn.putOff(), eachTrace(null));
    }
  }

  /**
   * A batch that came back after a rollback: its deliveries queued again, one message each, so one
   * delivery that keeps failing its transaction cannot hold back the others.
   */
  public void splitUp(
      List<String> deliveryIds, int attempt, Map<String, Map<String, String>> traces) {
    List<Delivery> batch = lockAll(deliveryIds);
    LOG.info(() -> "a batch of " + batch.size() + " deliveries came back: queued one by one");
    queue.enqueueEach(batch, attempt, Duration.ZERO, eachTrace(traces));
  }

  /**
   * One delivery of a batch, in a transaction of its own: its outcome is committed before the
   * batch's next try starts, so a failure later in the batch cannot undo it (nor have the
   * subscriber sent it again). The row is locked for this try only. The caller holds a slot of the
   * endpoint for the batch.
   *
   * @param traces the trace each delivery continues, by id, when they differ; null when they all
   *     continue the current one
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public Turn attemptInBatch(
      String deliveryId, int attempt, Map<String, Map<String, String>> traces) {
    Delivery delivery = em.find(Delivery.class, deliveryId, LockModeType.PESSIMISTIC_WRITE);
    if (delivery == null) {
      warnMissing(deliveryId);
      return Turn.DONE;
    }
    return attemptInOwnTrace(delivery, attempt, traces);
  }

  /**
   * Queues the same try of these deliveries again after {@code wait} (batched as fresh ones are),
   * in a transaction of its own: the untried rest of a batch.
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public void requeue(
      List<String> deliveryIds,
      int attempt,
      Duration wait,
      Map<String, Map<String, String>> traces) {
    defer(lockAll(deliveryIds), attempt, wait, eachTrace(traces));
  }

  /** Each delivery's own trace when {@code traces} has them, or else the current one. */
  private Function<Delivery, Map<String, String>> eachTrace(
      Map<String, Map<String, String>> traces) {
    if (traces == null) {
      Map<String, String> current = tracing.current();
      return delivery -> current;
    }
    return delivery -> traces.get(delivery.getId());
  }

  /**
   * The rows, locked, in the order of the ids; a missing one is reported and left out. They are
   * locked in id order, as recover and resend lock theirs, so two transactions never wait on each
   * other's rows.
   */
  private List<Delivery> lockAll(List<String> deliveryIds) {
    Map<String, Delivery> byId = new HashMap<>();
    em.createQuery("select d from Delivery d where d.id in :ids order by d.id", Delivery.class)
        .setParameter("ids", deliveryIds)
        .setLockMode(LockModeType.PESSIMISTIC_WRITE)
        .getResultList()
        .forEach(delivery -> byId.put(delivery.getId(), delivery));
    List<Delivery> batch = new ArrayList<>();
    for (String id : deliveryIds) {
      Delivery delivery = byId.get(id);
      if (delivery == null) {
        warnMissing(id);
      } else {
        batch.add(delivery);
      }
    }
    return batch;
  }

  /**
   * A batch's try at one delivery, in a span of the delivery's own trace (linked to the batch's)
   * when the batch's deliveries continue different ones, so that every request's trace holds the
   * tries at its message, as when each had a message of its own.
   */
  private Turn attemptInOwnTrace(
      Delivery delivery, int attempt, Map<String, Map<String, String>> traces) {
    if (traces == null) {
      return attempt(delivery, attempt, false, true);
    }
    Span span =
        tracing.start(
            "hookline.deliveries process",
            SpanKind.CONSUMER,
            traces.get(delivery.getId()),
            Span.current());
    span.setAttribute("hookline.delivery_id", delivery.getId());
    span.setAttribute("hookline.attempt", attempt);
    return Tracing.within(span, () -> attempt(delivery, attempt, false, true));
  }

  /**
   * What one delivery's turn came to: done with for now (delivered, settled, dead), failed (its
   * retry is queued), or put off without a try, to be queued again after a wait.
   *
   * @param putOff the wait before the same try, when it was put off; null otherwise
   */
  public record Turn(boolean failed, Duration putOff) {
    static final Turn DONE = new Turn(false, null);
    static final Turn FAILED = new Turn(true, null);

    static Turn putOff(Duration wait) {
      return new Turn(false, wait);
    }
  }

  private static void warnMissing(String deliveryId) {
    // Should not happen: the row and its message commit together. Seen only if a row is
    // removed by hand or a transaction manager misbehaves; worth an operator's look.
    LOG.warning(() -> "JMS message for delivery " + deliveryId + " has no row; dropped");
  }

  /**
   * One try at a delivery whose row this transaction has locked.
   *
   * @param slotHeld the caller holds a slot of the delivery's endpoint for it
   */
  private Turn attempt(Delivery delivery, int attempt, boolean revived, boolean slotHeld) {
    String deliveryId = delivery.getId();
    int requested = attempt;
    if (revived && delivery.getStatus() == DeliveryStatus.DEAD) {
      LOG.info(() -> "delivery " + deliveryId + " came back from the dead-letter queue: new round");
      delivery.newRound(Timestamps.now());
      // An operator sent it back (the console's Retry or Move): a manual try, as a resend is.
      delivery.manualTryRequested();
      requested = 0;
    }
    if (delivery.getStatus() != DeliveryStatus.PENDING) {
      LOG.fine(() -> "skipping delivery " + deliveryId + ": settled");
      return Turn.DONE;
    }
    int thisAttempt = delivery.getAttemptCount() + 1;
    int tryInRound = delivery.nextTryInRound();
    if (requested != 0 && requested != thisAttempt) {
      LOG.fine(
          () ->
              "skipping a stale message for delivery "
                  + deliveryId
                  + ": try "
                  + thisAttempt
                  + " is due");
      return Turn.DONE;
    }
    Endpoint endpoint = em.find(Endpoint.class, delivery.getEndpointId());
    if (!endpoint.isEnabled()) {
      String why = "endpoint disabled: " + endpoint.getDisabledReason();
      die(delivery, Timestamps.now(), HttpOutcome.noResponse("not sent, " + why, 0), why);
      return Turn.DONE;
    }
    if (delivery.getSeq() != null && endpoint.isOrdered()) {
      Duration behind = ordered.waitBehindEarlier(delivery, Timestamps.now());
      if (behind != null) {
        // An ordered endpoint: an earlier message is still on its way; this one waits its turn.
        return Turn.putOff(behind);
      }
    }
    EndpointHealth health = breakers.of(endpoint.getId());
    EndpointHealth.Gate gate = health.gate(Timestamps.now(), breakers.settings());
    if (gate instanceof EndpointHealth.Wait wait) {
      // The endpoint's breaker is open: wait for the probe without calling it or spending a try.
      return Turn.putOff(wait.duration().plus(slots.busyWait()));
    }
    if (!slotHeld && !slots.tryAcquire(endpoint.getId())) {
      // The endpoint already has its share of this node's consumers busy: come back shortly,
      // without spending a try, and leave this consumer to other subscribers.
      return Turn.putOff(slots.busyWait());
    }
    HttpOutcome outcome;
    OffsetDateTime now;
    EndpointHealth.Change change;
    try {
      // The slot comes before the token so that a delivery turned away as busy never spends one.
      Integer appRate = appRates.of(endpoint.getAppId());
      if (endpoint.getRateLimit() != null || appRate != null) {
        Duration untilToken =
            rateLimits.take(
                endpoint.getId(),
                endpoint.getRateLimit(),
                endpoint.getAppId(),
                appRate,
                slots.perEndpoint());
        if (!untilToken.isZero()) {
          // Over the endpoint's or its app's rate: later, not dropped and not a failure. The
          // consumer goes on to other deliveries meanwhile, so other apps are not held up.
          metrics.rateLimited(endpoint.getId());
          return Turn.putOff(untilToken);
        }
      }
      Message message = em.find(Message.class, delivery.getMessageId());
      if (message.getPayload() == null) {
        // Its payloadRetentionPeriod is over: there is nothing left to send, now or later.
        String why = "the message's payload was kept until " + message.getPayloadExpiresAt();
        die(delivery, Timestamps.now(), HttpOutcome.noResponse("not sent, " + why, 0), why);
        return Turn.DONE;
      }
      if (gate instanceof EndpointHealth.Probe
          && !breakers.claimProbe(endpoint.getId(), Timestamps.now())) {
        return Turn.putOff(slots.busyWait());
      }
      try {
        outcome = send(endpoint, message);
      } catch (OutboundCall.ConnectionDropped dropped) {
        outcome = dropped.outcome();
      } catch (FaultToleranceException nodeBusy) {
        // This node's bulkhead, timeout or node-wide breaker: its trouble, not the endpoint's.
        return Turn.putOff(slots.busyWait());
      }
      now = Timestamps.now();
      change = breakers.record(health, outcome.succeeded(), outcome.durationMs(), now);
      metrics.attempt(endpoint.getId(), outcome.succeeded(), outcome.durationMs());
    } finally {
      // Held until the outcome is recorded, which may wait for a probe's lock on the health row.
      if (!slotHeld) {
        slots.release(endpoint.getId());
      }
    }
    if (change == EndpointHealth.Change.OPENED) {
      metrics.breakerOpened(endpoint.getId());
      LOG.warning(
          () ->
              "circuit breaker of endpoint "
                  + endpoint.getId()
                  + " opened after "
                  + health.getConsecutiveFailures()
                  + " failures in a row");
    } else if (change == EndpointHealth.Change.CLOSED) {
      LOG.info(
          () -> "circuit breaker of endpoint " + endpoint.getId() + " closed: its probe succeeded");
    } else if (change == EndpointHealth.Change.GIVE_UP) {
      endpoint.disable(
          "failing since "
              + health.getFailingSince()
              + "; disabled after "
              + breakers.settings().giveUpAfter());
      die(delivery, now, outcome, "endpoint disabled: " + endpoint.getDisabledReason());
      return Turn.DONE;
    }

    switch (ResponsePolicy.verdict(outcome)) {
      case DELIVERED -> {
        delivery.delivered(now);
        attempts.record(delivery, outcome, now);
        wakeNext(delivery);
        return Turn.DONE;
      }
      case ENDPOINT_GONE -> {
        endpoint.disable("answered 410 Gone to delivery " + deliveryId + " at " + now);
        die(delivery, now, outcome, "endpoint answered 410 Gone");
        return Turn.DONE;
      }
      case RETRY -> {
        Duration asked =
            ResponsePolicy.retryAfter(outcome.status(), outcome.retryAfter(), now.toInstant());
        Optional<Duration> wait = schedule.retries().waitAfter(tryInRound, asked, retryAfterCap);
        if (wait.isPresent()) {
          delivery.failed(now, now.plus(wait.get()));
          attempts.record(delivery, outcome, now);
          queue.enqueue(delivery, thisAttempt + 1, wait.get());
        } else {
          die(delivery, now, outcome, "all " + schedule.retries().maxAttempts() + " tries failed");
        }
        return Turn.FAILED;
      }
    }
    throw new IllegalStateException("no verdict");
  }

  private void wakeNext(Delivery delivery) {
    if (delivery.getSeq() != null) {
      ordered.settled(delivery);
    }
  }

  /**
   * Queues the same try again after {@code wait}, for each (batched as fresh ones are), each
   * continuing the trace {@code traceOf} gives it.
   */
  private void defer(
      List<Delivery> deliveries,
      int attempt,
      Duration wait,
      Function<Delivery, Map<String, String>> traceOf) {
    OffsetDateTime due = Timestamps.now().plus(wait);
    deliveries.forEach(delivery -> delivery.dueAt(due));
    queue.enqueueAll(deliveries, attempt, wait, traceOf);
  }

  /**
   * Counts a transaction that tried the delivery and then failed before its outcome was recorded,
   * in a transaction of its own (that one rolled back). After {@code
   * hookline.delivery.record-failure-limit} such in a row the delivery is dead, without an attempt
   * row (writing one is what may have failed), and dead-lettered as other dead deliveries are.
   *
   * @param cause why the transaction failed, for the dead delivery's reason
   * @return true when the delivery wants no other try (dead now, already settled, or gone); false
   *     when the message should come back for another
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public boolean outcomeNotRecorded(String deliveryId, String cause, boolean revived) {
    Delivery delivery = em.find(Delivery.class, deliveryId, LockModeType.PESSIMISTIC_WRITE);
    if (delivery == null) {
      return true;
    }
    if (delivery.getStatus() != DeliveryStatus.PENDING) {
      // A dead letter sent back from the console whose new series rolled back is still DEAD: it
      // goes back to the broker rather than being dropped with the operator's retry.
      return !(revived && delivery.getStatus() == DeliveryStatus.DEAD);
    }
    int times = delivery.unrecordedTry();
    if (times < recordFailureLimit) {
      LOG.warning(
          () ->
              "the outcome of a try at delivery "
                  + deliveryId
                  + " could not be recorded ("
                  + times
                  + " of "
                  + recordFailureLimit
                  + " times): "
                  + cause);
      return false;
    }
    String reason = "its outcome could not be recorded " + times + " times; the last: " + cause;
    delivery.died(Timestamps.now(), reason);
    buried(delivery, reason);
    return true;
  }

  private void die(Delivery delivery, OffsetDateTime now, HttpOutcome outcome, String reason) {
    // The try that killed it keeps its manual mark; died() clears the delivery's.
    boolean manual = delivery.takeManualTry();
    delivery.died(now, reason);
    attempts.record(delivery, manual, outcome, now);
    buried(delivery, reason);
  }

  /** What follows a delivery's death in the transaction that declares it. */
  private void buried(Delivery delivery, String reason) {
    metrics.deadLetter();
    queue.deadLetter(delivery, reason);
    LOG.info(
        () ->
            "delivery "
                + delivery.getId()
                + " to "
                + delivery.getEndpointId()
                + " is dead: "
                + reason);
    wakeNext(delivery);
  }

  private HttpOutcome send(Endpoint endpoint, Message message) {
    // Checked at every try, not only when saved: DNS answers change.
    String refusal = targets.refusalToDeliver(endpoint.getUrl());
    if (refusal != null) {
      return HttpOutcome.noResponse("not sent: " + refusal, 0);
    }
    List<String> signing = new ArrayList<>();
    signing.add(secrets.open(endpoint.getSecretCiphertext(), endpoint.getSecretKeyId()));
    String previous = endpoint.previousSecretCiphertextAt(Timestamps.now());
    if (previous != null) {
      signing.add(secrets.open(previous, endpoint.getPreviousSecretKeyId()));
    }
    byte[] body = message.getPayload().getBytes(StandardCharsets.UTF_8);
    long timestamp = System.currentTimeMillis() / 1000;
    Map<String, String> headers =
        signatureHeaders
            .choice()
            .with(
                endpoint.getHeaders(),
                message.getId(),
                timestamp,
                WebhookSignature.signAll(signing, message.getId(), timestamp, body));
    // One span per try; ids, not the URL (it may carry credentials).
    Span span = tracing.startChild("webhook POST", SpanKind.CLIENT);
    span.setAttribute("hookline.endpoint_id", endpoint.getId());
    span.setAttribute("hookline.message_id", message.getId());
    span.setAttribute("http.request.method", "POST");
    try (Scope scope = span.makeCurrent()) {
      markRequestMade();
      HttpOutcome outcome = outbound.post(endpoint.getUrl(), headers, body);
      if (outcome.status() != null) {
        span.setAttribute("http.response.status_code", outcome.status());
      }
      if (!outcome.succeeded()) {
        span.setStatus(
            StatusCode.ERROR,
            outcome.error() != null ? outcome.error() : "answered " + outcome.status());
      }
      return outcome;
    } finally {
      span.end();
    }
  }
}
