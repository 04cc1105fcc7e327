package io.hookline.runtime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricID;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

/**
 * Every counter and timer Hookline updates goes through here, for two reasons. Payara's registry
 * threw ConcurrentModificationException when two threads registered new metrics at once (seen on
 * the first tries to two new endpoints), which rolled back a delivery that had already been made:
 * registration is serialised here and the instances cached. And a metric is never worth a delivery:
 * a failure to count is logged, never thrown.
 */
@ApplicationScoped
public class Metrics {
  private static final Logger LOG = Logger.getLogger(Metrics.class.getName());

  @Inject MetricRegistry registry;

  private final Map<MetricID, Counter> counters = new ConcurrentHashMap<>();
  private final Map<MetricID, Timer> timers = new ConcurrentHashMap<>();

  public void count(String name, long by, Tag... tags) {
    try {
      MetricID id = new MetricID(name, tags);
      Counter counter = counters.get(id);
      if (counter == null) {
        synchronized (this) {
          counter = counters.computeIfAbsent(id, key -> registry.counter(name, tags));
        }
      }
      counter.inc(by);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "could not count " + name, e);
    }
  }

  /** Registers metrics (gauges) under the same lock as every other registration. */
  public synchronized void register(java.util.function.Consumer<MetricRegistry> registration) {
    registration.accept(registry);
  }

  public void count(String name, Tag... tags) {
    count(name, 1, tags);
  }

  public void time(Metadata metadata, Duration duration, Tag... tags) {
    try {
      MetricID id = new MetricID(metadata.getName(), tags);
      Timer timer = timers.get(id);
      if (timer == null) {
        synchronized (this) {
          timer = timers.computeIfAbsent(id, key -> registry.timer(metadata, tags));
        }
      }
      timer.update(duration);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "could not time " + metadata.getName(), e);
    }
  }

  /**
   * Removes every counter and timer carrying this tag, from the registry and the cache: the series
   * of something that no longer exists. One counted again later is registered anew, from zero.
   */
  public synchronized void forget(Tag tag) {
    try {
      for (Map<MetricID, ?> cache : List.of(counters, timers)) {
        for (MetricID id : List.copyOf(cache.keySet())) {
          if (tag.getTagValue().equals(id.getTags().get(tag.getTagName()))) {
            cache.remove(id);
            registry.remove(id);
          }
        }
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "could not remove the metrics of " + tag, e);
    }
  }
}
