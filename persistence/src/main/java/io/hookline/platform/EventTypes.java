package io.hookline.platform;

import java.util.regex.Pattern;

/**
 * Provider event names made into Hookline event types: dot-separated words of letters, digits,
 * {@code _} and {@code -}. {@code orders/create} becomes {@code orders.create}, {@code Push Hook}
 * {@code Push_Hook}.
 */
public final class EventTypes {
  /** What an event type is: dot-separated words of letters, digits, {@code _} and {@code -}. */
  public static final Pattern PATTERN = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*");

  static final int MAX_LENGTH = 256;

  private EventTypes() {}

  public static String of(String prefix, String providerType) {
    String type =
        providerType
            .trim()
            .replace('/', '.')
            .replaceAll("[^A-Za-z0-9_.-]", "_")
            .replaceAll("\\.{2,}", ".")
            .replaceAll("^\\.|\\.$", "");
    if (type.isEmpty()) {
      type = "event";
    }
    String full = prefix == null || prefix.isEmpty() ? type : prefix + "." + type;
    return full.length() <= MAX_LENGTH ? full : full.substring(0, MAX_LENGTH);
  }
}
