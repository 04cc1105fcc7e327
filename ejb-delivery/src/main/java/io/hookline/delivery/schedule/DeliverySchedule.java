package io.hookline.delivery.schedule;

import io.hookline.runtime.StartupFailure;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The retry schedule as configured, read when the application starts. A schedule that does not
 * parse stops the deployment with its reason in the log; read by the first delivery instead, as it
 * was, it failed every delivery's transaction until the broker sent them all to the dead-letter
 * queue.
 */
@ApplicationScoped
public class DeliverySchedule {
  private static final Logger LOG = Logger.getLogger(DeliverySchedule.class.getName());

  /** Waits before each try; the first is normally 0. Its length is the number of tries. */
  @Inject
  @ConfigProperty(name = "hookline.delivery.schedule", defaultValue = "0s,5s,5m,30m,2h,5h,10h,10h")
  String scheduleText;

  @Inject
  @ConfigProperty(name = "hookline.delivery.jitter", defaultValue = "0.2")
  double jitter;

  private RetrySchedule retries;

  @PostConstruct
  void init() {
    try {
      retries =
          RetrySchedule.parse(scheduleText, jitter, () -> ThreadLocalRandom.current().nextDouble());
    } catch (IllegalArgumentException wrong) {
      throw StartupFailure.logged(
          LOG,
          new IllegalArgumentException(
              "HOOKLINE_DELIVERY_SCHEDULE or HOOKLINE_DELIVERY_JITTER: " + wrong.getMessage(),
              wrong));
    }
  }

  /** Makes the container create the bean, and run {@link #init()}, while it deploys. */
  void checkAtStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {}

  public RetrySchedule retries() {
    return retries;
  }
}
