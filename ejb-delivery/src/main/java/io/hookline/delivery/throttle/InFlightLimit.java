package io.hookline.delivery.throttle;

import java.util.concurrent.ConcurrentHashMap;

/**
 * How many tries to one endpoint may run at once on this node. A slow or hanging subscriber can
 * then hold only that many consumers, and every other subscriber keeps the rest. Only endpoints
 * with a try running have an entry: the last release removes it, so idle and deleted endpoints hold
 * nothing.
 */
public final class InFlightLimit {
  private final int perEndpoint;
  private final ConcurrentHashMap<String, Integer> inFlight = new ConcurrentHashMap<>();

  public InFlightLimit(int perEndpoint) {
    if (perEndpoint < 1) {
      throw new IllegalArgumentException("at least one try per endpoint must be allowed");
    }
    this.perEndpoint = perEndpoint;
  }

  /** Takes a slot for the endpoint, or returns false when all are taken. */
  public boolean tryAcquire(String endpointId) {
    boolean[] taken = {false};
    // compute() runs atomically for the key, so a count is never lost to a concurrent removal.
    inFlight.compute(
        endpointId,
        (id, count) -> {
          int current = count == null ? 0 : count;
          if (current >= perEndpoint) {
            return count;
          }
          taken[0] = true;
          return current + 1;
        });
    return taken[0];
  }

  public void release(String endpointId) {
    inFlight.computeIfPresent(endpointId, (id, count) -> count <= 1 ? null : count - 1);
  }

  public int inFlight(String endpointId) {
    Integer count = inFlight.get(endpointId);
    return count == null ? 0 : count;
  }

  /** Tries running now, to every endpoint. */
  public int total() {
    int total = 0;
    for (int count : inFlight.values()) {
      total += count;
    }
    return total;
  }

  /** Endpoints with an entry: those with a try running. */
  int endpoints() {
    return inFlight.size();
  }
}
