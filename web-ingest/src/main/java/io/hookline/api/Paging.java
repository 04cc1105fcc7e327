package io.hookline.api;

import io.hookline.platform.Refusal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Timestamps in bodies and query parameters, checked the same way everywhere; a list's page is
 * {@link SvixLists#page}'s.
 */
public final class Paging {
  private Paging() {}

  /** An RFC 3339 timestamp with its offset, or null for null; 422 naming the field otherwise. */
  public static OffsetDateTime time(String field, String text) {
    if (text == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text);
    } catch (DateTimeParseException e) {
      throw Refusal.invalidField(
          field, "must be an RFC 3339 timestamp with an offset, such as 2026-11-23T10:00:00Z");
    }
  }

  /**
   * A timestamp query parameter, or null when absent or empty; 422 naming the parameter. RFC 3339
   * years have four digits: Java also reads {@code +999999999-01-01T00:00Z}, which no database
   * column holds, so a year outside 0001 to 9999 is refused here rather than failing a query.
   */
  public static OffsetDateTime queryTime(String parameter, String text) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    OffsetDateTime time;
    try {
      time = OffsetDateTime.parse(text);
    } catch (DateTimeParseException e) {
      throw Refusal.invalidQuery(
          parameter, "must be an RFC 3339 timestamp with an offset, such as 2026-11-23T10:00:00Z");
    }
    if (time.getYear() < 1 || time.getYear() > 9999) {
      throw Refusal.invalidQuery(
          parameter, "must be an RFC 3339 timestamp: its year has four digits, 0001 to 9999");
    }
    return time;
  }
}
