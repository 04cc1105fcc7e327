package io.hookline.delivery.outbound;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Which names a delivery's id, timestamp and signature go out under: Standard Webhooks' {@code
 * webhook-*}, Svix's {@code svix-*} (what Svix's own verifiers read), or both with the same values.
 */
public enum SignatureHeaders {
  BOTH,
  WEBHOOK,
  SVIX;

  /**
   * The setting's value ({@code both}, {@code webhook} or {@code svix}, any case, trimmed).
   *
   * @throws IllegalArgumentException for any other value, naming the accepted ones
   */
  public static SignatureHeaders parse(String text) {
    String value = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    return switch (value) {
      case "both" -> BOTH;
      case "webhook" -> WEBHOOK;
      case "svix" -> SVIX;
      default ->
          throw new IllegalArgumentException("'" + text + "' is not one of both, webhook, svix");
    };
  }

  /**
   * The headers one try sends: the endpoint's own, then the signature headers of this choice (which
   * the endpoint's own may not name).
   */
  public Map<String, String> with(
      Map<String, String> custom, String id, long timestamp, String signature) {
    Map<String, String> headers = new LinkedHashMap<>(custom);
    String seconds = Long.toString(timestamp);
    if (this != SVIX) {
      headers.put("webhook-id", id);
      headers.put("webhook-timestamp", seconds);
      headers.put("webhook-signature", signature);
    }
    if (this != WEBHOOK) {
      headers.put("svix-id", id);
      headers.put("svix-timestamp", seconds);
      headers.put("svix-signature", signature);
    }
    return headers;
  }
}
