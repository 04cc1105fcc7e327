package io.hookline.delivery.health;

import io.hookline.endpoint.entity.EndpointHealth;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Successes on quiet endpoints, counted in memory until they are written to the health rows in one
 * short transaction. Recording each one on the row in the delivery's own transaction would hold the
 * row lock across the two-phase commit, so deliveries to one busy endpoint would go one commit at a
 * time.
 */
public final class SuccessTally {

  /**
   * Successes of one endpoint. The moving average of latency is kept as what it does to whatever
   * average the row holds: {@code row * decay + added}, which is the same as applying each success
   * in turn.
   */
  public record Successes(
      int count, OffsetDateTime first, OffsetDateTime last, double decay, double added) {

    static Successes of(long latencyMs, OffsetDateTime at) {
      return new Successes(
          1, at, at, 1 - EndpointHealth.LATENCY_WEIGHT, EndpointHealth.LATENCY_WEIGHT * latencyMs);
    }

    /** These successes, then {@code later}'s. */
    Successes then(Successes later) {
      return new Successes(
          count + later.count,
          first.isBefore(later.first) ? first : later.first,
          last.isAfter(later.last) ? last : later.last,
          decay * later.decay,
          added * later.decay + later.added);
    }

    /** The average these successes leave on a row whose average is {@code before}. */
    public double averageAfter(double before) {
      return before * decay + added;
    }

    /** The average of these successes alone, for a row that has none yet. */
    public double ownAverage() {
      return added / (1 - decay);
    }
  }

  private final Map<String, Successes> pending = new ConcurrentHashMap<>();

  public void add(String endpointId, long latencyMs, OffsetDateTime at) {
    pending.merge(endpointId, Successes.of(latencyMs, at), Successes::then);
  }

  /**
   * Puts back successes taken out by {@link #drain} that could not be written, before newer ones.
   */
  public void putBack(String endpointId, Successes unwritten) {
    pending.merge(endpointId, unwritten, (newer, older) -> older.then(newer));
  }

  /** Takes out everything counted so far, by endpoint id. */
  public Map<String, Successes> drain() {
    Map<String, Successes> drained = new java.util.HashMap<>();
    for (String endpointId : pending.keySet()) {
      Successes taken = pending.remove(endpointId);
      if (taken != null) {
        drained.put(endpointId, taken);
      }
    }
    return drained;
  }
}
