package io.hookline.delivery.outbound;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** What a subscriber's answer means for the delivery. Pure logic. */
public final class ResponsePolicy {

  public enum Verdict {
    /** 2xx. */
    DELIVERED,
    /** 410 Gone: the subscriber says the endpoint no longer exists; stop sending to it. */
    ENDPOINT_GONE,
    /** Anything else, including 3xx (redirects are never followed), timeouts and refusals. */
    RETRY
  }

  private ResponsePolicy() {}

  public static Verdict verdict(HttpOutcome outcome) {
    if (outcome.succeeded()) {
      return Verdict.DELIVERED;
    }
    if (outcome.status() != null && outcome.status() == 410) {
      return Verdict.ENDPOINT_GONE;
    }
    return Verdict.RETRY;
  }

  /**
   * The wait a 429 or 503 asks for in {@code Retry-After} (seconds or an HTTP date), or null when
   * there is none, it cannot be read, or the status does not ask for a pause.
   */
  public static Duration retryAfter(Integer status, String header, Instant now) {
    if (header == null || status == null || (status != 429 && status != 503)) {
      return null;
    }
    String value = header.trim();
    try {
      long seconds = Long.parseLong(value);
      return seconds < 0 ? null : Duration.ofSeconds(seconds);
    } catch (NumberFormatException notSeconds) {
      try {
        Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Duration wait = Duration.between(now, at);
        return wait.isNegative() ? Duration.ZERO : wait;
      } catch (DateTimeParseException notDate) {
        return null;
      }
    }
  }
}
