package io.hookline.api;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed authentications per client address, in a window: past the limit, that address's wrong
 * tokens are refused for the rest of the window. A right token is checked before this and always
 * gets in: behind a load balancer every client shares an address, and one guesser must not lock
 * everyone out (a token's 256 random bits, not this count, are what make guessing hopeless). Per
 * node, in memory; pure, with time passed in.
 */
public final class AuthFailures {
  private record Window(long startNanos, int failures) {}

  private final int limit;
  private final long windowNanos;
  private final Map<String, Window> windows = new ConcurrentHashMap<>();

  public AuthFailures(int limit, Duration window) {
    this.limit = limit;
    this.windowNanos = window.toNanos();
  }

  /** How long the address must wait, or null when it may try. */
  public Duration blocked(String address, long nowNanos) {
    Window window = windows.get(address);
    if (window == null) {
      return null;
    }
    if (nowNanos - window.startNanos() >= windowNanos) {
      windows.remove(address, window);
      return null;
    }
    return window.failures() >= limit
        ? Duration.ofNanos(windowNanos - (nowNanos - window.startNanos()))
        : null;
  }

  /**
   * False while no address has a window open: then nobody can be blocked, and a caller may skip
   * working out its client's address. A window is dropped when its address is next checked after
   * the window has passed.
   */
  public boolean anyFailures() {
    return !windows.isEmpty();
  }

  public void failed(String address, long nowNanos) {
    windows.compute(
        address,
        (key, window) ->
            window == null || nowNanos - window.startNanos() >= windowNanos
                ? new Window(nowNanos, 1)
                : new Window(window.startNanos(), window.failures() + 1));
    if (windows.size() > 100_000) {
      // Bounded memory against many addresses: old windows go first.
      windows.entrySet().removeIf(e -> nowNanos - e.getValue().startNanos() >= windowNanos);
    }
  }
}
