package io.hookline.delivery.throttle;

import io.hookline.runtime.Metrics;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * This node's {@link InFlightLimit}, shared by every delivery consumer. The tries it counts are
 * scraped as {@code webhook_deliveries_in_flight}.
 */
@ApplicationScoped
public class EndpointSlots {
  @Inject
  @ConfigProperty(name = "hookline.delivery.max-in-flight-per-endpoint", defaultValue = "4")
  int perEndpoint;

  /** How long a try waits when its endpoint has no free slot (±50%, so they do not bunch). */
  @Inject
  @ConfigProperty(name = "hookline.delivery.busy-endpoint-wait", defaultValue = "PT1S")
  Duration busyWait;

  @Inject Metrics metrics;

  private InFlightLimit limit;

  @PostConstruct
  void init() {
    limit = new InFlightLimit(perEndpoint);
  }

  void register(@Observes @Initialized(ApplicationScoped.class) Object started) {
    metrics.register(
        registry -> registry.gauge("webhook_deliveries_in_flight", this, EndpointSlots::inFlight));
  }

  /** Tries this node is making now, to every endpoint. */
  public int inFlight() {
    return limit.total();
  }

  /** How many tries to one endpoint this node runs at once. */
  public int perEndpoint() {
    return perEndpoint;
  }

  public boolean tryAcquire(String endpointId) {
    return limit.tryAcquire(endpointId);
  }

  public void release(String endpointId) {
    limit.release(endpointId);
  }

  public Duration busyWait() {
    return Duration.ofMillis(
        Math.round(busyWait.toMillis() * (0.5 + ThreadLocalRandom.current().nextDouble())));
  }
}
