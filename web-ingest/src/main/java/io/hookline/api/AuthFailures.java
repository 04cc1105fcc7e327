package io.hookline.api;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Failed authentications per client address, in a window: past the limit, that address's wrong
 * tokens are refused for the rest of the window. A right token is checked before this and always
 * gets in: behind a load balancer every client shares an address, and one guesser must not lock
 * everyone out (a token's 256 random bits, not this count, are what make guessing hopeless). Per
 * node, in memory; pure, with time passed in.
 *
 * <p>Bounded: windows are kept in the order they opened, so expired ones are dropped from the
 * oldest end as failures come in, and past {@link #MAX_ADDRESSES} the oldest window goes even if it
 * is still running. Each failure costs O(1) amortised.
 */
public final class AuthFailures {
  /** The most addresses tracked at once (about 10 MB). */
  static final int MAX_ADDRESSES = 100_000;

  private record Window(long startNanos, int failures) {}

  private final int limit;
  private final long windowNanos;
  private final int maxAddresses;

  /** Insertion order is the order windows opened: a new window is put at the end. */
  private final LinkedHashMap<String, Window> windows = new LinkedHashMap<>();

  public AuthFailures(int limit, Duration window) {
    this(limit, window, MAX_ADDRESSES);
  }

  AuthFailures(int limit, Duration window, int maxAddresses) {
    this.limit = limit;
    this.windowNanos = window.toNanos();
    this.maxAddresses = maxAddresses;
  }

  /** How long the address must wait, or null when it may try. */
  public synchronized Duration blocked(String address, long nowNanos) {
    Window window = windows.get(address);
    if (window == null) {
      return null;
    }
    if (nowNanos - window.startNanos() >= windowNanos) {
      windows.remove(address);
      return null;
    }
    return window.failures() >= limit
        ? Duration.ofNanos(windowNanos - (nowNanos - window.startNanos()))
        : null;
  }

  public synchronized void failed(String address, long nowNanos) {
    Window window = windows.get(address);
    if (window == null || nowNanos - window.startNanos() >= windowNanos) {
      // Removed first, so the new window goes to the end, in the order windows opened.
      windows.remove(address);
      windows.put(address, new Window(nowNanos, 1));
    } else {
      windows.put(address, new Window(window.startNanos(), window.failures() + 1));
    }
    Iterator<Map.Entry<String, Window>> oldest = windows.entrySet().iterator();
    while (oldest.hasNext()) {
      Window first = oldest.next().getValue();
      if (windows.size() <= maxAddresses && nowNanos - first.startNanos() < windowNanos) {
        break;
      }
      oldest.remove();
    }
  }

  int addresses() {
    return windows.size();
  }
}
