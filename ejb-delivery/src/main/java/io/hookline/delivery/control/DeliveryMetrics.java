package io.hookline.delivery.control;

import io.hookline.runtime.Metrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Delivery metrics in MicroProfile Metrics, scraped as Prometheus text at /metrics. Labels are ids,
 * never URLs, so their number stays bounded by the number of endpoints; a deleted endpoint's series
 * are removed on the node that deleted it. Counters get Prometheus's {@code _total}; the timer's
 * buckets are set in microprofile-config.properties.
 */
@ApplicationScoped
public class DeliveryMetrics {
  static final Metadata DURATION =
      Metadata.builder()
          .withName("webhook_delivery_duration")
          .withDescription("Time of each delivery try, from sending to the response")
          .withUnit(MetricUnits.NANOSECONDS)
          .build();

  @Inject Metrics metrics;

  public void attempt(String endpointId, boolean succeeded, long durationMs) {
    Tag endpoint = new Tag("endpoint", endpointId);
    metrics.count(
        "webhook_deliveries", new Tag("status", succeeded ? "success" : "failure"), endpoint);
    metrics.time(DURATION, Duration.ofMillis(durationMs), endpoint);
  }

  /** Deliveries to the endpoint tried in one transaction with others of their JMS message. */
  public void batched(String endpointId, int deliveries) {
    metrics.count("webhook_deliveries_batched", deliveries, new Tag("endpoint", endpointId));
  }

  public void deadLetter() {
    metrics.count("webhook_dead_letters");
  }

  public void breakerOpened(String endpointId) {
    metrics.count("circuit_breaker_opens", new Tag("endpoint", endpointId));
  }

  public void rateLimited(String endpointId) {
    metrics.count("rate_limit_hits", new Tag("endpoint", endpointId));
  }

  /** Removes a deleted endpoint's series once its deletion has committed. */
  void forget(@Observes(during = TransactionPhase.AFTER_SUCCESS) EndpointDeleted deleted) {
    metrics.forget(new Tag("endpoint", deleted.endpointId()));
  }
}
