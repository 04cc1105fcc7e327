package io.hookline.delivery.schedule;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.DoubleSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When each try of a delivery happens: the n-th entry is the wait before try n (the first is
 * normally zero), each spread by a random ±jitter so a failing endpoint's backlog does not come
 * back all at once. After the last try the delivery is dead.
 */
public final class RetrySchedule {
  private static final Pattern ENTRY = Pattern.compile("(\\d+)(ms|s|m|h|d)");

  private final List<Duration> waits;
  private final double jitter;
  private final DoubleSupplier random;

  public RetrySchedule(List<Duration> waits, double jitter, DoubleSupplier random) {
    if (waits.isEmpty()) {
      throw new IllegalArgumentException("a retry schedule needs at least one try");
    }
    if (jitter < 0 || jitter >= 1) {
      throw new IllegalArgumentException("jitter must be in [0, 1), not " + jitter);
    }
    this.waits = List.copyOf(waits);
    this.jitter = jitter;
    this.random = random;
  }

  /** Parses {@code 0s,5s,5m,30m,2h,5h,10h,10h}: units ms, s, m, h, d. */
  public static RetrySchedule parse(String text, double jitter, DoubleSupplier random) {
    List<Duration> waits = new ArrayList<>();
    for (String part : text.split(",")) {
      Matcher m = ENTRY.matcher(part.trim().toLowerCase(Locale.ROOT));
      if (!m.matches()) {
        throw new IllegalArgumentException(
            "retry schedule entry '" + part.trim() + "' is not a number with ms, s, m, h or d");
      }
      long n = Long.parseLong(m.group(1));
      waits.add(
          switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
          });
    }
    return new RetrySchedule(waits, jitter, random);
  }

  public int maxAttempts() {
    return waits.size();
  }

  /**
   * The wait before the try after {@code failedAttempt} (1-based), or empty when that was the last.
   * A receiver's {@code Retry-After}, capped, is honoured when it asks for longer.
   */
  public Optional<Duration> waitAfter(
      int failedAttempt, Duration retryAfter, Duration retryAfterCap) {
    if (failedAttempt >= waits.size()) {
      return Optional.empty();
    }
    Duration scheduled = jittered(waits.get(failedAttempt));
    if (retryAfter != null) {
      Duration asked = retryAfter.compareTo(retryAfterCap) > 0 ? retryAfterCap : retryAfter;
      if (asked.compareTo(scheduled) > 0) {
        return Optional.of(asked);
      }
    }
    return Optional.of(scheduled);
  }

  private Duration jittered(Duration wait) {
    double factor = 1 + jitter * (2 * random.getAsDouble() - 1);
    return Duration.ofMillis(Math.round(wait.toMillis() * factor));
  }
}
