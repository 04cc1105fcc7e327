package io.hookline.delivery.control;

import io.hookline.delivery.entity.Delivery;
import io.hookline.delivery.entity.DeliveryStatus;
import io.hookline.egress.DeliveryTargets;
import io.hookline.endpoint.entity.Endpoint;
import io.hookline.endpoint.entity.EndpointHealth;
import io.hookline.message.entity.Message;
import io.hookline.platform.Timestamps;
import io.hookline.runtime.Tracing;
import io.hookline.secret.EndpointSecrets;
import io.hookline.signature.WebhookSignature;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.Stateless;
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
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;

/**
 * One try at one delivery: sign the stored payload, POST it, record the outcome, and in the same
 * transaction schedule the next try or declare the delivery dead. The row, locked for the try,
 * decides: a message for a try already made, or for a settled delivery, does nothing.
 */
@Stateless
public class DeliveryService {
  private static final Logger LOG = Logger.getLogger(DeliveryService.class.getName());

  @PersistenceContext EntityManager em;
  @Inject AttemptLog attempts;
  @Inject DeliveryQueue queue;
  @Inject EndpointSecrets secrets;
  @Inject DeliveryTargets targets;
  @Inject EndpointSlots slots;
  @Inject Breakers breakers;
  @Inject RateLimits rateLimits;
  @Inject Tracing tracing;
  @Inject OutboundCall outbound;
  @Inject OrderedDeliveries ordered;
  @Inject DeliveryMetrics metrics;

  /** Waits before each try; the first is normally 0. Its length is the number of tries. */
  @Inject
  @ConfigProperty(name = "hookline.delivery.schedule", defaultValue = "0s,5s,5m,30m,2h,5h,10h,10h")
  String scheduleText;

  @Inject
  @ConfigProperty(name = "hookline.delivery.jitter", defaultValue = "0.2")
  double jitter;

  @Inject
  @ConfigProperty(name = "hookline.delivery.retry-after-cap", defaultValue = "PT1H")
  Duration retryAfterCap;

  /** How long the tries of one batch may take before the rest are queued one by one. */
  @Inject
  @ConfigProperty(name = "hookline.delivery.batch-budget", defaultValue = "PT1S")
  Duration batchBudget;

  private RetrySchedule schedule;

  @PostConstruct
  void init() {
    schedule =
        RetrySchedule.parse(scheduleText, jitter, () -> ThreadLocalRandom.current().nextDouble());
  }

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
    Delivery delivery = em.find(Delivery.class, deliveryId, LockModeType.PESSIMISTIC_WRITE);
    if (delivery == null) {
      warnMissing(deliveryId);
      return;
    }
    attempt(delivery, attempt, revived);
  }

  /**
   * Tries the deliveries of one JMS message, to one endpoint, in order and in this one transaction,
   * so the transaction, its commit with the broker and the reads are paid once for them all. When a
   * try does not go well (it failed, or the endpoint is busy, rate-limited or its breaker open), or
   * the batch has taken {@code hookline.delivery.batch-budget}, the rest are queued one by one and
   * take the ordinary path. A batch that comes back after a rollback is only split up that way, so
   * one delivery that keeps failing the transaction cannot hold back the others.
   *
   * @param redelivered the message was delivered before and its transaction rolled back
   */
  public void attemptBatch(List<String> deliveryIds, int attempt, boolean redelivered) {
    Map<String, Delivery> byId = new HashMap<>();
    em.createQuery("select d from Delivery d where d.id in :ids", Delivery.class)
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
    if (redelivered) {
      LOG.info(() -> "a batch of " + batch.size() + " deliveries came back: queued one by one");
      queue.enqueueEach(batch, attempt, Duration.ZERO);
      return;
    }
    // Read into this transaction's persistence context, where each try finds its message.
    em.createQuery("select m from Message m where m.id in :ids", Message.class)
        .setParameter("ids", batch.stream().map(Delivery::getMessageId).distinct().toList())
        .getResultList();
    long deadline = System.nanoTime() + batchBudget.toNanos();
    for (int i = 0; i < batch.size(); i++) {
      boolean goOn = attempt(batch.get(i), attempt, false);
      if (i + 1 < batch.size() && (!goOn || System.nanoTime() - deadline > 0)) {
        metrics.batched(batch.get(0).getEndpointId(), i + 1);
        List<Delivery> rest = batch.subList(i + 1, batch.size());
        LOG.fine(() -> "queued the last " + rest.size() + " deliveries of a batch one by one");
        queue.enqueueEach(rest, attempt, Duration.ZERO);
        return;
      }
    }
    if (!batch.isEmpty()) {
      metrics.batched(batch.get(0).getEndpointId(), batch.size());
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
   * @return whether the next delivery to the same endpoint may follow in this transaction: false
   *     when this one failed or was put off (busy, rate-limited, breaker open)
   */
  private boolean attempt(Delivery delivery, int attempt, boolean revived) {
    String deliveryId = delivery.getId();
    int requested = attempt;
    if (revived && delivery.getStatus() == DeliveryStatus.DEAD) {
      LOG.info(() -> "delivery " + deliveryId + " came back from the dead-letter queue: new round");
      delivery.newRound(Timestamps.now());
      requested = 0;
    }
    if (delivery.getStatus() != DeliveryStatus.PENDING) {
      LOG.fine(() -> "skipping delivery " + deliveryId + ": settled");
      return true;
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
      return true;
    }
    Endpoint endpoint = em.find(Endpoint.class, delivery.getEndpointId());
    if (!endpoint.isEnabled()) {
      String why = "endpoint disabled: " + endpoint.getDisabledReason();
      die(delivery, Timestamps.now(), HttpOutcome.noResponse("not sent, " + why, 0), why);
      return true;
    }
    if (delivery.getSeq() != null) {
      Duration behind = ordered.waitBehindEarlier(delivery, Timestamps.now());
      if (behind != null) {
        // An ordered endpoint: an earlier message is still on its way; this one waits its turn.
        defer(delivery, thisAttempt, behind);
        return false;
      }
    }
    EndpointHealth health = breakers.of(endpoint.getId());
    EndpointHealth.Gate gate = health.gate(Timestamps.now(), breakers.settings());
    if (gate instanceof EndpointHealth.Wait wait) {
      // The endpoint's breaker is open: wait for the probe without calling it or spending a try.
      defer(delivery, thisAttempt, wait.duration().plus(slots.busyWait()));
      return false;
    }
    if (!slots.tryAcquire(endpoint.getId())) {
      // The endpoint already has its share of this node's consumers busy: come back shortly,
      // without spending a try, and leave this consumer to other subscribers.
      defer(delivery, thisAttempt, slots.busyWait());
      return false;
    }
    HttpOutcome outcome;
    OffsetDateTime now;
    EndpointHealth.Change change;
    try {
      // The slot comes before the token so that a delivery turned away as busy never spends one.
      if (endpoint.getRateLimit() != null) {
        Duration untilToken =
            rateLimits.take(endpoint.getId(), endpoint.getRateLimit(), slots.perEndpoint());
        if (!untilToken.isZero()) {
          // Over the endpoint's rate: later, not dropped and not a failure.
          metrics.rateLimited(endpoint.getId());
          defer(delivery, thisAttempt, untilToken);
          return false;
        }
      }
      if (gate instanceof EndpointHealth.Probe
          && !breakers.claimProbe(endpoint.getId(), Timestamps.now())) {
        defer(delivery, thisAttempt, slots.busyWait());
        return false;
      }
      Message message = em.find(Message.class, delivery.getMessageId());
      try {
        outcome = send(endpoint, message);
      } catch (OutboundCall.ConnectionDropped dropped) {
        outcome = dropped.outcome;
      } catch (FaultToleranceException nodeBusy) {
        // This node's bulkhead, timeout or node-wide breaker: its trouble, not the endpoint's.
        defer(delivery, thisAttempt, slots.busyWait());
        return false;
      }
      now = Timestamps.now();
      change = breakers.record(health, outcome.succeeded(), outcome.durationMs(), now);
      metrics.attempt(endpoint.getId(), outcome.succeeded(), outcome.durationMs());
    } finally {
      // Held until the outcome is recorded, which may wait for a probe's lock on the health row.
      slots.release(endpoint.getId());
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
      return true;
    }

    switch (ResponsePolicy.verdict(outcome)) {
      case DELIVERED -> {
        delivery.delivered(now);
        attempts.record(delivery, outcome, now);
        wakeNext(delivery);
        return true;
      }
      case ENDPOINT_GONE -> {
        endpoint.disable("answered 410 Gone to delivery " + deliveryId + " at " + now);
        die(delivery, now, outcome, "endpoint answered 410 Gone");
        return true;
      }
      case RETRY -> {
        Duration asked =
            ResponsePolicy.retryAfter(outcome.status(), outcome.retryAfter(), now.toInstant());
        Optional<Duration> wait = schedule.waitAfter(tryInRound, asked, retryAfterCap);
        if (wait.isPresent()) {
          delivery.failed(now, now.plus(wait.get()));
          attempts.record(delivery, outcome, now);
          queue.enqueue(delivery, thisAttempt + 1, wait.get());
        } else {
          die(delivery, now, outcome, "all " + schedule.maxAttempts() + " tries failed");
        }
        return false;
      }
    }
    throw new IllegalStateException("no verdict");
  }

  private void wakeNext(Delivery delivery) {
    if (delivery.getSeq() != null) {
      ordered.settled(delivery);
    }
  }

  /** Queues the same try again after {@code wait}; no try is spent. */
  private void defer(Delivery delivery, int attempt, Duration wait) {
    delivery.dueAt(Timestamps.now().plus(wait));
    queue.enqueue(delivery, attempt, wait);
  }

  private void die(Delivery delivery, OffsetDateTime now, HttpOutcome outcome, String reason) {
    delivery.died(now, reason);
    metrics.deadLetter();
    attempts.record(delivery, outcome, now);
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
    Map<String, String> headers = endpoint.getHeaders();
    headers.put("webhook-id", message.getId());
    headers.put("webhook-timestamp", Long.toString(timestamp));
    headers.put(
        "webhook-signature", WebhookSignature.signAll(signing, message.getId(), timestamp, body));
    // One span per try; ids, not the URL (it may carry credentials).
    Span span = tracing.startChild("webhook POST", SpanKind.CLIENT);
    span.setAttribute("hookline.endpoint_id", endpoint.getId());
    span.setAttribute("hookline.message_id", message.getId());
    span.setAttribute("http.request.method", "POST");
    try (Scope scope = span.makeCurrent()) {
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
