package io.hookline.platform;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A message's channels or tags: a set of short names, stored in one text column as a JSON array
 * ({@code ["a","b"]}, null for none) and matched in queries with {@code like}.
 */
public final class NameSets {
  /** Svix's rule for a channel: 1 to 128 letters, digits, {@code - _ .}. */
  public static final Pattern CHANNEL = Pattern.compile("[a-zA-Z0-9\\-_.]{1,128}");

  /** A tag: as a channel, and {@code /} as well. */
  public static final Pattern TAG = Pattern.compile("[a-zA-Z0-9\\-_./]{1,128}");

  /**
   * The escape character of {@link #containing(String)}'s patterns: {@code like ... escape '!'}.
   */
  public static final char ESCAPE = '!';

  private NameSets() {}

  /** The names as stored: null for none. Names never hold quotes or backslashes, so no escaping. */
  public static String store(List<String> names) {
    if (names == null || names.isEmpty()) {
      return null;
    }
    StringBuilder text = new StringBuilder("[");
    for (String name : new LinkedHashSet<>(names)) {
      if (text.length() > 1) {
        text.append(',');
      }
      text.append('"').append(name).append('"');
    }
    return text.append(']').toString();
  }

  /** The names of a stored column, in order; none for null. */
  public static List<String> read(String stored) {
    List<String> names = new ArrayList<>();
    if (stored == null || stored.length() < 2) {
      return names;
    }
    String inner = stored.substring(1, stored.length() - 1);
    if (inner.isEmpty()) {
      return names;
    }
    for (String quoted : inner.split(",")) {
      names.add(quoted.substring(1, quoted.length() - 1));
    }
    return names;
  }

  /**
   * A {@code like} pattern, with {@link #ESCAPE} as its escape character, matching a stored column
   * that holds the name.
   */
  public static String containing(String name) {
    String escaped = name.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    return "%\"" + escaped + "\"%";
  }
}
