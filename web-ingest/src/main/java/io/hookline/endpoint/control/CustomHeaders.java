package io.hookline.endpoint.control;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The headers an endpoint may add to its deliveries: not ones Hookline or HTTP itself sets, which
 * include the signature headers of both namings ({@code webhook-*} and {@code svix-*}).
 */
public final class CustomHeaders {
  private static final Pattern NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}");
  private static final Set<String> RESERVED =
      Set.of(
          "host",
          "content-type",
          "content-length",
          "transfer-encoding",
          "connection",
          "upgrade",
          "expect",
          "te",
          "trailer",
          "keep-alive",
          "proxy-connection");
  static final int MAX_HEADERS = 20;

  /**
   * Headers that may carry credentials (names holding one of these words, in any case): sent, but
   * their values never shown again by the API.
   */
  private static final Pattern SENSITIVE =
      Pattern.compile("auth|token|secret|key|cookie|password|signature", Pattern.CASE_INSENSITIVE);

  private CustomHeaders() {}

  /** Whether the header's value is a credential the API shows no one (Svix's "sensitive"). */
  public static boolean sensitive(String name) {
    return SENSITIVE.matcher(name).find();
  }

  /** Null when acceptable, otherwise what is wrong. */
  public static String problemWith(Map<String, String> headers) {
    if (headers.size() > MAX_HEADERS) {
      return "may hold at most " + MAX_HEADERS + " headers";
    }
    for (Map.Entry<String, String> header : headers.entrySet()) {
      String name = header.getKey();
      String lower = name.toLowerCase(Locale.ROOT);
      if (!NAME.matcher(name).matches()) {
        return "has an invalid header name '" + name + "'";
      }
      if (RESERVED.contains(lower) || lower.startsWith("webhook-") || lower.startsWith("svix-")) {
        return "may not set " + name + ": Hookline or HTTP sets it";
      }
      String value = header.getValue();
      if (value.length() > 4096
          || !value.chars().allMatch(c -> c == '\t' || (c >= 0x20 && c != 0x7f))) {
        return "has an invalid value for "
            + name
            + " (control characters, or over 4096 characters)";
      }
    }
    return null;
  }
}
