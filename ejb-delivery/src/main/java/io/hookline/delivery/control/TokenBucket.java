package io.hookline.delivery.control;

import java.time.Duration;

/**
 * Token-bucket arithmetic for per-endpoint rate limits: {@code rate} tokens a second, holding at
 * most {@code rate} (one second's burst). Pure; the state lives in the endpoint_rate row.
 */
public final class TokenBucket {
  private TokenBucket() {}

  /** Tokens after {@code elapsed} of refill, capped at the capacity. */
  public static double refill(double tokens, Duration elapsed, int rate) {
    double seconds = Math.max(0, elapsed.toNanos()) / 1e9;
    return Math.min(rate, tokens + seconds * rate);
  }

  /** How long until one token is there, given {@code tokens} now (zero when there is one). */
  public static Duration waitForOne(double tokens, int rate) {
    if (tokens >= 1) {
      return Duration.ZERO;
    }
    return Duration.ofNanos((long) Math.ceil((1 - tokens) / rate * 1e9));
  }
}
