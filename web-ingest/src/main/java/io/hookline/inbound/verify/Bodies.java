package io.hookline.inbound.verify;

import io.hookline.json.Jsons;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** Reading what verifiers need from a body, and the timestamp window replays are refused by. */
public final class Bodies {
  /** How far a signed timestamp may be from now, either way, unless a type says otherwise. */
  public static final Duration TOLERANCE = Duration.ofMinutes(5);

  private Bodies() {}

  public static boolean isJson(String mediaType) {
    if (mediaType == null) {
      return false;
    }
    String type = mediaType.split(";")[0].trim().toLowerCase(Locale.ROOT);
    return type.equals("application/json") || type.endsWith("+json");
  }

  /** The body as a JSON object, or a MALFORMED rejection. */
  public static JsonObject object(byte[] body) throws Rejected {
    try (JsonReader reader = Jsons.createReader(new ByteArrayInputStream(body))) {
      JsonValue value = reader.readValue();
      if (value.getValueType() != JsonValue.ValueType.OBJECT) {
        throw new Rejected(Rejected.Kind.MALFORMED, "body must be a JSON object");
      }
      return value.asJsonObject();
    } catch (JsonException e) {
      throw new Rejected(Rejected.Kind.MALFORMED, "body is not valid JSON: " + e.getMessage());
    } catch (RuntimeException e) {
      // Parsson throws a plain RuntimeException past its nesting limit (1,000).
      throw new Rejected(Rejected.Kind.MALFORMED, "body is not valid JSON: " + e.getMessage());
    }
  }

  /** A string member, or null when absent or not a string. */
  static String string(JsonObject json, String name) {
    JsonValue value = json.get(name);
    return value instanceof JsonString text ? text.getString() : null;
  }

  static String requiredString(JsonObject json, String name) throws Rejected {
    String value = string(json, name);
    if (value == null || value.isEmpty()) {
      throw new Rejected(Rejected.Kind.MALFORMED, "body has no \"" + name + "\" string");
    }
    return value;
  }

  /** Unix seconds from a header, or a BAD_SIGNATURE rejection: the timestamp is signed input. */
  static long epochSeconds(String text, String header) throws Rejected {
    try {
      return Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      throw new Rejected(Rejected.Kind.BAD_SIGNATURE, header + " is not a Unix timestamp");
    }
  }

  /** Refuses a signed timestamp outside the tolerance: a replay of an old, genuine request. */
  static void fresh(long epochSeconds, Instant now, Duration tolerance) throws Rejected {
    long skew = Math.abs(now.getEpochSecond() - epochSeconds);
    if (skew > tolerance.toSeconds()) {
      throw new Rejected(
          Rejected.Kind.STALE,
          "timestamp "
              + epochSeconds
              + " is "
              + skew
              + " s away from now; at most "
              + tolerance.toSeconds()
              + " s allowed");
    }
  }
}
