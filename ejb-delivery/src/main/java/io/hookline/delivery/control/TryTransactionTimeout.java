package io.hookline.delivery.control;

import java.time.Duration;

/**
 * The timeout of a delivery try's transaction: longer than the try can take, so that a slow
 * subscriber never has its answer rolled back (and the webhook sent again), and bounded, so that a
 * try holds its row lock and database connection for a known time.
 *
 * <p>The longest try: the name lookup before the call (at most the connect timeout), then the call
 * and each of Fault Tolerance's retries of it, each its lookup (the connect timeout) and its hard
 * deadline (the delivery timeout and the second the poster gives the deadline), then the database
 * and broker work around them, for which a margin is kept.
 */
public final class TryTransactionTimeout {
  /** For the work a try does besides the calls: locks, the outcome's rows, the retry's message. */
  static final Duration MARGIN = Duration.ofSeconds(30);

  /** What WebhookPoster allows a call past its delivery timeout before ending it. */
  static final Duration DEADLINE_SLACK = Duration.ofSeconds(1);

  private TryTransactionTimeout() {}

  /**
   * @param connectTimeout {@code hookline.delivery.connect-timeout}
   * @param timeout {@code hookline.delivery.timeout}
   * @param callRetries Fault Tolerance's retries of one call (OutboundCall's {@code @Retry})
   * @return whole seconds, rounded up
   */
  public static int seconds(Duration connectTimeout, Duration timeout, int callRetries) {
    if (connectTimeout.isNegative() || timeout.isNegative() || callRetries < 0) {
      throw new IllegalArgumentException(
          "negative delivery timeouts or retries: "
              + connectTimeout
              + ", "
              + timeout
              + ", "
              + callRetries);
    }
    Duration oneCall = connectTimeout.plus(timeout).plus(DEADLINE_SLACK);
    Duration longest = connectTimeout.plus(oneCall.multipliedBy(1L + callRetries)).plus(MARGIN);
    long seconds = (longest.toMillis() + 999) / 1000;
    if (seconds > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "delivery timeouts too long for a transaction: " + longest);
    }
    return (int) seconds;
  }

  /**
   * As {@link #seconds(Duration, Duration, int)} when Fault Tolerance retries without a count
   * ({@code maxRetries = -1}) until {@code maxDuration}: no retry starts after it, so the longest
   * try is the lookup, {@code maxDuration}, one more call and the margin.
   */
  public static int secondsUntil(Duration connectTimeout, Duration timeout, Duration maxDuration) {
    if (maxDuration.isNegative() || maxDuration.isZero()) {
      throw new IllegalArgumentException(
          "Fault Tolerance retries without a count need a positive maxDuration, not "
              + maxDuration);
    }
    int oneCall = seconds(connectTimeout, timeout, 0);
    long seconds = oneCall + (maxDuration.toMillis() + 999) / 1000;
    if (seconds > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("Fault Tolerance maxDuration too long: " + maxDuration);
    }
    return (int) seconds;
  }
}
