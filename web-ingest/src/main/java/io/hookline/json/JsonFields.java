package io.hookline.json;

import jakarta.json.JsonObjectBuilder;
import java.time.OffsetDateTime;

/** Response building: optional fields are present as {@code null}, so every field is documented. */
public final class JsonFields {
  private JsonFields() {}

  public static JsonObjectBuilder addNullable(JsonObjectBuilder json, String name, String value) {
    return value == null ? json.addNull(name) : json.add(name, value);
  }

  /** ISO-8601 text, or null. */
  public static JsonObjectBuilder addNullable(
      JsonObjectBuilder json, String name, OffsetDateTime value) {
    return value == null ? json.addNull(name) : json.add(name, rfc3339(value));
  }

  /**
   * RFC 3339 text with seconds always written ({@code OffsetDateTime.toString()} drops zero
   * seconds, which strict parsers such as Go's refuse), as the Svix-shaped resources answer.
   */
  public static String rfc3339(OffsetDateTime value) {
    return value.format(java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME);
  }

  public static JsonObjectBuilder addNullable(JsonObjectBuilder json, String name, Integer value) {
    return value == null ? json.addNull(name) : json.add(name, value);
  }

  /** The bytes as text when they are valid UTF-8, otherwise null. */
  public static String utf8OrNull(byte[] bytes) {
    try {
      return java.nio.charset.StandardCharsets.UTF_8
          .newDecoder()
          .decode(java.nio.ByteBuffer.wrap(bytes))
          .toString();
    } catch (java.nio.charset.CharacterCodingException e) {
      return null;
    }
  }

  /** JSON text Hookline stored itself (a payload, a config), read back as an object. */
  public static jakarta.json.JsonObject stored(String json) {
    try (jakarta.json.JsonReader reader = Jsons.createReader(new java.io.StringReader(json))) {
      return reader.readObject();
    }
  }
}
