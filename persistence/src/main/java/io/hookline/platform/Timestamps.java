package io.hookline.platform;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * The current time at the precision PostgreSQL keeps (microseconds), so a timestamp reads back
 * exactly as it was first returned.
 */
public final class Timestamps {
  private Timestamps() {}

  public static OffsetDateTime now() {
    return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
  }

  /**
   * A timestamptz column as a native query returns it (the JDBC driver's {@link Timestamp}, or an
   * {@link OffsetDateTime} or {@link Instant}), in UTC; null for null.
   */
  public static OffsetDateTime fromDatabase(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof OffsetDateTime offset) {
      return offset.withOffsetSameInstant(ZoneOffset.UTC);
    }
    if (value instanceof Timestamp timestamp) {
      return timestamp.toInstant().atOffset(ZoneOffset.UTC);
    }
    if (value instanceof Instant instant) {
      return instant.atOffset(ZoneOffset.UTC);
    }
    throw new IllegalArgumentException("not a time: " + value.getClass().getName());
  }
}
