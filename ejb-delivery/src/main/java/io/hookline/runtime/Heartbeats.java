package io.hookline.runtime;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The node's periodic workers say here that they ran; a worker that missed three of its runs is
 * reported unhealthy (worker_health_status). Plain state, no container types.
 */
@ApplicationScoped
public class Heartbeats {
  private record Beat(long atNanos, Duration interval) {}

  private final Map<String, Beat> beats = new ConcurrentHashMap<>();

  /** Called when a worker starts, with how often it runs, and after each run. */
  public void beat(String worker, Duration interval) {
    beats.put(worker, new Beat(System.nanoTime(), interval));
  }

  /** Each worker and whether it ran within three of its intervals. */
  public Map<String, Boolean> health() {
    Map<String, Boolean> health = new TreeMap<>();
    long now = System.nanoTime();
    beats.forEach(
        (worker, beat) ->
            health.put(worker, now - beat.atNanos() <= 3 * beat.interval().toNanos()));
    return health;
  }
}
