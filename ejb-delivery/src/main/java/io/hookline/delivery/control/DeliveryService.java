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
      // Should not happen: the row and its message commit together. Seen only if a row is
      // removed by hand or a transaction manager misbehaves; worth an operator's look.
      LOG.warning(() -> "JMS message for delivery " + deliveryId + " has no row; dropped");
      return;
    }
    int requested = attempt;
    if (revived && delivery.getStatus() == DeliveryStatus.DEAD) {
      LOG.info(() -> "delivery " + deliveryId + " came back from the dead-letter queue: new round");
      delivery.newRound(Timestamps.now());
      requested = 0;
    }
    if (delivery.getStatus() != DeliveryStatus.PENDING) {
      LOG.fine(() -> "skipping delivery " + deliveryId + ": settled");
      return;
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
      return;
    }
    Endpoint endpoint = em.find(Endpoint.class, delivery.getEndpointId());
    if (!endpoint.isEnabled()) {
      String why = "endpoint disabled: " + endpoint.getDisabledReason();
      die(delivery, Timestamps.now(), HttpOutcome.noResponse("not sent, " + why, 0), why);
      return;
    }
    if (delivery.getSeq() != null) {
      Duration behind = ordered.waitBehindEarlier(delivery, Timestamps.now());
      if (behind != null) {
        // An ordered endpoint: an earlier message is still on its way; this one waits its turn.
        defer(delivery, thisAttempt, behind);
        return;
      }
    }
    EndpointHealth health = breakers.of(endpoint.getId());
    EndpointHealth.Gate gate = health.gate(Timestamps.now(), breakers.settings());
    if (gate instanceof EndpointHealth.Wait wait) {
      // The endpoint's breaker is open: wait for the probe without calling it or spending a try.
      defer(delivery, thisAttempt, wait.duration().plus(slots.busyWait()));
      return;
    }
    if (!slots.tryAcquire(endpoint.getId())) {
      // The endpoint already has its share of this node's consumers busy: come back shortly,
      // without spending a try, and leave this consumer to other subscribers.
      defer(delivery, thisAttempt, slots.busyWait());
      return;
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
          return;
        }
      }
      if (gate instanceof EndpointHealth.Probe
          && !breakers.claimProbe(endpoint.getId(), Timestamps.now())) {
        defer(delivery, thisAttempt, slots.busyWait());
        return;
      }
      Message message = em.find(Message.class, delivery.getMessageId());
      try {
        outcome = send(endpoint, message);
      } catch (OutboundCall.ConnectionDropped dropped) {
        outcome = dropped.outcome;
      } catch (FaultToleranceException nodeBusy) {
        // This node's bulkhead, timeout or node-wide breaker: its trouble, not the endpoint's.
        defer(delivery, thisAttempt, slots.busyWait());
        return;
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
      return;
    }

    switch (ResponsePolicy.verdict(outcome)) {
      case DELIVERED -> {
        delivery.delivered(now);
        attempts.record(delivery, outcome, now);
        wakeNext(delivery);
      }
      case ENDPOINT_GONE -> {
        endpoint.disable("answered 410 Gone to delivery " + deliveryId + " at " + now);
        die(delivery, now, outcome, "endpoint answered 410 Gone");
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
      }
    }
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
