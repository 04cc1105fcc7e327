package io.hookline.platform;

import java.security.SecureRandom;

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
