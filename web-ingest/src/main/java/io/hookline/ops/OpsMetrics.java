package io.hookline.ops;

import io.hookline.runtime.Heartbeats;
import io.hookline.runtime.Resources;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Gauges read when scraped: {@code webhook_queue_depth{queue}} from Artemis, and {@code
 * worker_health_status{worker}} (1 healthy, 0 not) for the delivery consumers and this node's
 * periodic workers.
 */
@ApplicationScoped
public class OpsMetrics {
  static final String[] WORKERS = {"reconciler", "retention", "recoveries"};

  @Inject io.hookline.runtime.Metrics metrics;
  @Inject QueueStats stats;
  @Inject Heartbeats heartbeats;

  void register(@Observes @Initialized(ApplicationScoped.class) Object started) {
    metrics.register(this::register);
  }

  private void register(MetricRegistry registry) {
    for (String queue : QueueStats.QUEUES) {
      registry.gauge(
          "webhook_queue_depth",
          stats,
          s -> {
            QueueStats.Figures figures = s.figures().get(queue);
            return figures == null ? -1 : figures.messages();
          },
          new Tag("queue", queue));
    }
    registry.gauge(
        "worker_health_status",
        stats,
        s -> {
          QueueStats.Figures deliveries = s.figures().get(Resources.DELIVERY_ADDRESS);
          return deliveries != null && deliveries.consumers() > 0 ? 1 : 0;
        },
        new Tag("worker", "delivery-consumers"));
    for (String worker : WORKERS) {
      registry.gauge(
          "worker_health_status",
          heartbeats,
          h -> Boolean.TRUE.equals(h.health().get(worker)) ? 1 : 0,
          new Tag("worker", worker));
    }
  }
}
