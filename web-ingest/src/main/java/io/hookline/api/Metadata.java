package io.hookline.api;

import io.hookline.platform.Refusal;
import java.util.Map;

/**
 * Svix's {@code metadata}: an object of strings a client keeps on an app or an endpoint. Bounded,
 * as it is shown in every view and list page of what holds it.
 */
public final class Metadata {
  public static final int MAX_ENTRIES = 50;
  public static final int MAX_KEY = 256;
  public static final int MAX_VALUE = 1024;

  private Metadata() {}

  /** The body's {@code metadata} (empty when absent or null); a 422 naming what breaks a bound. */
  public static Map<String, String> read(JsonBody json) {
    Map<String, String> metadata = json.optionalStringMap("metadata");
    if (metadata.size() > MAX_ENTRIES) {
      throw Refusal.invalidField("metadata", "must hold at most " + MAX_ENTRIES + " entries");
    }
    for (Map.Entry<String, String> entry : metadata.entrySet()) {
      if (entry.getKey().isEmpty() || entry.getKey().length() > MAX_KEY) {
        throw Refusal.invalidField("metadata", "keys must be 1 to " + MAX_KEY + " characters");
      }
      if (entry.getValue().length() > MAX_VALUE) {
        throw Refusal.invalidField(
            "metadata." + entry.getKey(), "must be at most " + MAX_VALUE + " characters");
      }
    }
    return metadata;
  }
}
