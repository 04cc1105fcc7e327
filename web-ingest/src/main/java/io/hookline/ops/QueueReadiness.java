package io.hookline.ops;

import io.hookline.runtime.Resources;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while deliveries are being taken off the queue and the backlog is under the threshold:
 * a node that accepts events nobody delivers, or ever more of them, should say so.
 */
@Readiness
@ApplicationScoped
public class QueueReadiness implements HealthCheck {
  @Inject QueueStats stats;

  @Inject
  @ConfigProperty(name = "hookline.health.queue-depth-threshold", defaultValue = "10000")
  long threshold;

  @Override
  public HealthCheckResponse call() {
    HealthCheckResponseBuilder response =
        HealthCheckResponse.named("delivery-queue").withData("threshold", threshold);
    Map<String, QueueStats.Figures> figures = stats.figures();
    QueueStats.Figures deliveries = figures.get(Resources.DELIVERY_ADDRESS);
    if (deliveries == null) {
      return response
          .down()
          .withData("reason", "cannot read the queue from the broker: " + stats.failure())
          .build();
    }
    response.withData("depth", deliveries.messages()).withData("consumers", deliveries.consumers());
    if (deliveries.consumers() < 1) {
      return response
          .down()
          .withData("reason", "no delivery consumers on " + Resources.DELIVERY_ADDRESS)
          .build();
    }
    if (deliveries.messages() > threshold) {
      return response
          .down()
          .withData(
              "reason",
              deliveries.messages() + " deliveries waiting, over the threshold of " + threshold)
          .build();
    }
    return response.up().build();
  }
}
