package io.hookline.delivery.outbound;

import io.hookline.runtime.DeliveryTargets;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;

/**
 * The outbound HTTP call under MicroProfile Fault Tolerance. Every value can be overridden with MP
 * Config, e.g. {@code io.hookline.delivery.outbound.OutboundCall/post/Retry/maxRetries=0}.
 *
 * <ul>
 *   <li>{@code @Retry}: once, at once, when the connection dropped before any answer (a reset, a
 *       stale pooled connection); such a hiccup should not cost a scheduled try.
 *   <li>{@code @Bulkhead}: how many calls this node makes at once, whatever the endpoints.
 *   <li>{@code @CircuitBreaker}: a node-wide safety that counts only this node's own trouble (a
 *       full bulkhead), never a subscriber's failures: per-endpoint breakers live in the database.
 * </ul>
 *
 * <p>No {@code @Timeout}: {@link WebhookPoster} ends every call at its own hard deadline, and
 * Payara's timeout stage schedules a managed task per call, capturing the caller's context through
 * a class-path scan: about a fifth of a delivery's CPU under load.
 */
@ApplicationScoped
public class OutboundCall {

  /** The connection failed before any response: worth one immediate retry. */
  public static class ConnectionDropped extends RuntimeException {
    private final transient HttpOutcome outcome;

    ConnectionDropped(HttpOutcome outcome) {
      super(outcome.error(), null, false, false);
      this.outcome = outcome;
    }

    /** What the try came to: no response, with the error. */
    public HttpOutcome outcome() {
      return outcome;
    }
  }

  @Inject
  @ConfigProperty(name = "hookline.delivery.timeout", defaultValue = "PT15S")
  Duration timeout;

  @Inject
  @ConfigProperty(name = "hookline.delivery.connect-timeout", defaultValue = "PT5S")
  Duration connectTimeout;

  @Inject DeliveryTargets targets;

  private WebhookPoster poster;

  @PostConstruct
  void init() {
    poster = new WebhookPoster(connectTimeout, timeout, targets.connectResolver());
  }

  @PreDestroy
  void close() {
    try {
      poster.close();
    } catch (IOException e) {
      // Shutting down: the pooled connections go with the process anyway.
    }
  }

  @Retry(maxRetries = 1, delay = 0, retryOn = ConnectionDropped.class)
  @Bulkhead(64)
  @CircuitBreaker(
      failOn = BulkheadException.class,
      requestVolumeThreshold = 100,
      failureRatio = 0.9,
      delay = 5,
      delayUnit = ChronoUnit.SECONDS)
  public HttpOutcome post(String url, Map<String, String> headers, byte[] body) {
    HttpOutcome outcome = poster.post(url, headers, body);
    if (outcome.status() == null
        && outcome.error() != null
        && WebhookPoster.isDropped(outcome.error())) {
      throw new ConnectionDropped(outcome);
    }
    return outcome;
  }
}
