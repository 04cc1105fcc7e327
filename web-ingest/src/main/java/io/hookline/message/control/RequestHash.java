package io.hookline.message.control;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * What "the same request" means for idempotency: same event type, event id, payload, channels and
 * tags.
 */
final class RequestHash {
  private RequestHash() {}

  static String of(String eventType, String eventId, String payload) {
    return of(eventType, eventId, payload, List.of(), List.of());
  }

  /** Channels and tags count only when there are some, so a hash without them is unchanged. */
  static String of(
      String eventType, String eventId, String payload, List<String> channels, List<String> tags) {
    List<String> parts =
        new ArrayList<>(List.of(eventType, eventId == null ? "" : eventId, payload));
    if (!channels.isEmpty() || !tags.isEmpty()) {
      parts.add(String.join(",", channels));
      parts.add(String.join(",", tags));
    }
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      // Length prefixes keep ("a", "bc") and ("ab", "c") apart.
      for (String part : parts) {
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
