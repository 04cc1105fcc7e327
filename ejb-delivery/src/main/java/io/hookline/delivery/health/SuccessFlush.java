package io.hookline.delivery.health;

import io.hookline.platform.Timestamps;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Writes this node's {@link QuietSuccesses} to the health rows every interval, so the figures an
 * operator reads are at most that old. Never throws (see {@link
 * io.hookline.delivery.control.Reconciler}): what could not be written is kept for the next round.
 */
@Startup
@Singleton
public class SuccessFlush {
  private static final Logger LOG = Logger.getLogger(SuccessFlush.class.getName());

  @Inject QuietSuccesses successes;
  @Inject SuccessWriter writer;
  @Inject Breakers breakers;
  @Resource TimerService timers;

  @Inject
  @ConfigProperty(name = "hookline.breaker.success-flush-interval", defaultValue = "PT1S")
  Duration interval;

  @PostConstruct
  void schedule() {
    timers.createIntervalTimer(
        interval.toMillis(), interval.toMillis(), new TimerConfig("success-flush", false));
  }

  @Timeout
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  void flush() {
    OffsetDateTime now = Timestamps.now();
    for (Map.Entry<String, SuccessTally.Successes> counted : successes.drain().entrySet()) {
      try {
        writer.add(counted.getKey(), counted.getValue(), now, breakers.settings().window());
      } catch (RuntimeException e) {
        successes.putBack(counted.getKey(), counted.getValue());
        LOG.warning(
            () ->
                "could not write the successes of endpoint "
                    + counted.getKey()
                    + " to its health row, trying again in "
                    + interval
                    + ": "
                    + e);
      }
    }
  }

  @PreDestroy
  void flushBeforeStopping() {
    flush();
  }
}
