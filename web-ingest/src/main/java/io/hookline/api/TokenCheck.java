package io.hookline.api;

import io.hookline.platform.Sha256;
import java.security.MessageDigest;

/** Token comparison that takes the same time whatever the guess. */
final class TokenCheck {
  private TokenCheck() {}

  static String bearer(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    String token = authorization.substring(7).trim();
    return token.isEmpty() ? null : token;
  }

  /** Hashing first makes the comparison independent of both lengths. */
  static boolean matches(String expected, String given) {
    if (expected == null || expected.isBlank() || given == null) {
      return false;
    }
    return MessageDigest.isEqual(Sha256.of(expected), Sha256.of(given));
  }
}
