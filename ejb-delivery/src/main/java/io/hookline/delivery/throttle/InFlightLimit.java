package io.hookline.delivery.throttle;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many tries to one endpoint may run at once on this node. A slow or hanging subscriber can
 * then hold only that many consumers, and every other subscriber keeps the rest.
 */
public final class InFlightLimit {
  private final int perEndpoint;
  private final ConcurrentHashMap<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();

  public InFlightLimit(int perEndpoint) {
    if (perEndpoint < 1) {
      throw new IllegalArgumentException("at least one try per endpoint must be allowed");
    }
    this.perEndpoint = perEndpoint;
  }

  /** Takes a slot for the endpoint, or returns false when all are taken. */
  public boolean tryAcquire(String endpointId) {
    AtomicInteger count = inFlight.computeIfAbsent(endpointId, id -> new AtomicInteger());
    while (true) {
      int current = count.get();
      if (current >= perEndpoint) {
        return false;
      }
      if (count.compareAndSet(current, current + 1)) {
        return true;
      }
    }
  }

  public void release(String endpointId) {
    // Entries stay: one small counter per endpoint this node has delivered to.
    inFlight.get(endpointId).decrementAndGet();
  }

  public int inFlight(String endpointId) {
    AtomicInteger count = inFlight.get(endpointId);
    return count == null ? 0 : count.get();
  }
}
