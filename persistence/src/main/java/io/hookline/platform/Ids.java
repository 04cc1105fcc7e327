package io.hookline.platform;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * Public identifiers: a type prefix and a ULID-style body (48-bit millisecond time, then 80 random
 * bits, Crockford base32). Sorting ids sorts by creation time, which cursor pagination relies on,
 * and the prefix tells a reader what kind of object an id names.
 */
public final class Ids {
  private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  private Ids() {}

  public static String newId(String prefix) {
    return newId(prefix, System.currentTimeMillis());
  }

  /**
   * The lowest id of the type made at {@code epochMillis}: the prefix and the time part alone,
   * which sorts after every id made earlier and before every id made then or later. Lists turn a
   * time range into an id range with it, so an index on the id narrows the scan.
   */
  public static String timeBound(String prefix, long epochMillis) {
    return newId(prefix, epochMillis).substring(0, prefix.length() + 1 + 10);
  }

  /**
   * Slack between an id's time part and the creation time stored beside it: the two are separate
   * clock reads, so the id range a time filter becomes is widened by this much, and the stored time
   * stays the test.
   */
  public static final long TIME_SLACK_MILLIS = 1_000;

  /** The largest time an id's 48-bit time part holds. */
  private static final long MAX_ID_MILLIS = (1L << 48) - 1;

  /**
   * The lowest id of the type that can belong to a row created after {@code after}: ids start with
   * their creation millisecond, so an after filter becomes an id range an index on the id serves.
   * Any instant gives a bound: before 1970 the lowest, past the 48-bit time part the highest.
   */
  public static String lowestIdAfter(String prefix, OffsetDateTime after) {
    return timeBound(prefix, idMillis(after.toInstant(), -TIME_SLACK_MILLIS));
  }

  /** Above every id of the type that can belong to a row created before {@code before}. */
  public static String idBoundBefore(String prefix, OffsetDateTime before) {
    return timeBound(prefix, idMillis(before.toInstant(), TIME_SLACK_MILLIS + 1));
  }

  /**
   * The id time part for {@code at} moved by {@code shift} ms, kept within what the time part holds
   * (so that no instant overflows or wraps around).
   */
  static long idMillis(Instant at, long shift) {
    if (at.isBefore(Instant.EPOCH)) {
      return 0;
    }
    if (at.getEpochSecond() > MAX_ID_MILLIS / 1000) {
      return MAX_ID_MILLIS;
    }
    return Math.max(0, Math.min(MAX_ID_MILLIS, at.toEpochMilli() + shift));
  }

  static String newId(String prefix, long epochMillis) {
    byte[] random = new byte[10];
    RANDOM.nextBytes(random);
    char[] body = new char[26];
    long time = epochMillis;
    for (int i = 9; i >= 0; i--) {
      body[i] = ALPHABET[(int) (time & 31)];
      time >>>= 5;
    }
    // 80 random bits become 16 base32 characters.
    long high = 0;
    for (int i = 0; i < 5; i++) {
      high = (high << 8) | (random[i] & 0xff);
    }
    long low = 0;
    for (int i = 5; i < 10; i++) {
      low = (low << 8) | (random[i] & 0xff);
    }
    for (int i = 17; i >= 10; i--) {
      body[i] = ALPHABET[(int) (high & 31)];
      high >>>= 5;
    }
    for (int i = 25; i >= 18; i--) {
      body[i] = ALPHABET[(int) (low & 31)];
      low >>>= 5;
    }
    return prefix + "_" + new String(body);
  }
}
