package io.hookline.delivery.throttle;

import java.time.Duration;

/**
 * Token-bucket arithmetic for rate limits: {@code rate} tokens a second, holding at most {@code
 * rate} (one second's burst). Pure; the state lives in a row (endpoint_rate, app_rate).
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

  /**
   * How long a try turned away for want of a token waits: until the next token, plus a share of the
   * {@code contenders} token periods after it chosen by {@code random} (0 to 1). Without the spread
   * every try turned away returns for the same next token, one takes it and the rest are turned
   * away again, each return a transaction: with tries to one endpoint no longer waiting for each
   * other's commit, that churn took the CPU the deliveries needed.
   */
  public static Duration waitForTurn(double tokens, int rate, int contenders, double random) {
    Duration untilNext = waitForOne(tokens, rate);
    if (untilNext.isZero()) {
      return untilNext;
    }
    long spreadNanos = (long) (Math.max(0, contenders) * random / rate * 1e9);
    return untilNext.plusNanos(spreadNanos);
  }

  /**
   * A try that needs a token from each of several buckets (its endpoint's and its app's): zero when
   * every one has a token, and only then are they all taken; otherwise the longest of their {@link
   * #waitForTurn}s, and none is taken, so a try turned away by one bucket costs the others nothing.
   *
   * @param tokens each bucket's tokens now
   * @param rates each bucket's rate, in the same order
   */
  public static Duration waitForAll(double[] tokens, int[] rates, int contenders, double random) {
    Duration longest = Duration.ZERO;
    for (int i = 0; i < tokens.length; i++) {
      Duration wait = waitForTurn(tokens[i], rates[i], contenders, random);
      if (wait.compareTo(longest) > 0) {
        longest = wait;
      }
    }
    return longest;
  }
}
