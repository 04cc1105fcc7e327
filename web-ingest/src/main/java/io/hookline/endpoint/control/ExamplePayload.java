package io.hookline.endpoint.control;

import io.hookline.json.Jsons;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.Map;

/**
 * The payload an endpoint's send-example sends for an event type: the first of {@code examples}
 * (else {@code example}) in the schema of the type's highest version, when that is a JSON object;
 * {@code {}} otherwise.
 */
public final class ExamplePayload {
  private ExamplePayload() {}

  /**
   * @param schemas the event type's schemas by version, as JSON text, or null
   */
  public static String of(String schemas) {
    if (schemas == null || schemas.isBlank()) {
      return "{}";
    }
    JsonValue parsed;
    try (JsonReader reader = Jsons.createReader(new StringReader(schemas))) {
      parsed = reader.readValue();
    }
    if (parsed.getValueType() != JsonValue.ValueType.OBJECT) {
      return "{}";
    }
    JsonObject latest = null;
    long latestVersion = Long.MIN_VALUE;
    for (Map.Entry<String, JsonValue> entry : parsed.asJsonObject().entrySet()) {
      long version = version(entry.getKey());
      if (entry.getValue().getValueType() == JsonValue.ValueType.OBJECT
          && version > latestVersion) {
        latest = entry.getValue().asJsonObject();
        latestVersion = version;
      }
    }
    if (latest == null) {
      return "{}";
    }
    JsonValue example = null;
    JsonValue examples = latest.get("examples");
    if (examples != null
        && examples.getValueType() == JsonValue.ValueType.ARRAY
        && !examples.asJsonArray().isEmpty()) {
      example = examples.asJsonArray().get(0);
    } else if (latest.containsKey("example")) {
      example = latest.get("example");
    }
    return example != null && example.getValueType() == JsonValue.ValueType.OBJECT
        ? example.toString()
        : "{}";
  }

  /** A version key as a number; keys that are not numbers rank below every number. */
  private static long version(String key) {
    try {
      return Long.parseLong(key);
    } catch (NumberFormatException e) {
      return Long.MIN_VALUE + 1;
    }
  }
}
