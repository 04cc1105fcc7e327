package io.hookline.message.control;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** What "the same request" means for idempotency: same event type, event id and payload. */
final class RequestHash {
  private RequestHash() {}

  static String of(String eventType, String eventId, String payload) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      // Length prefixes keep ("a", "bc") and ("ab", "c") apart.
      for (String part : new String[] {eventType, eventId == null ? "" : eventId, payload}) {
        byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
        sha.update((bytes.length + ":").getBytes(StandardCharsets.UTF_8));
        sha.update(bytes);
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
