package io.hookline.api;

import io.hookline.json.Jsons;
import io.hookline.platform.Refusal;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A request body read as a JSON object, with accessors that fail with a {@link Refusal} naming the
 * field, so a client learns exactly what to fix.
 */
public final class JsonBody {
  private final JsonObject object;
  private final String prefix;

  private JsonBody(JsonObject object, String prefix) {
    this.object = object;
    this.prefix = prefix;
  }

  /** An object already parsed (an item of an array), errors naming its fields plainly. */
  public static JsonBody of(JsonObject object) {
    return new JsonBody(object, "");
  }

  /** The object itself. */
  public JsonObject object() {
    return object;
  }

  /** A member as it is, or null. */
  public JsonValue value(String field) {
    return object.get(field);
  }

  /** A member object, whose errors name its fields as {@code field.member}. */
  public JsonBody nested(String field) {
    return new JsonBody(requiredObject(field), prefix + field + ".");
  }

  public static JsonBody parse(String text) {
    if (text == null || text.isBlank()) {
      throw Refusal.malformed("request body is empty; send a JSON object");
    }
    try (JsonReader reader = Jsons.createReader(new StringReader(text))) {
      JsonValue value = reader.readValue();
      if (value.getValueType() != JsonValue.ValueType.OBJECT) {
        throw Refusal.malformed(
            "request body must be a JSON object, not " + value.getValueType().name().toLowerCase());
      }
      // PostgreSQL keeps no U+0000 in text or jsonb: refused here rather than by the database.
      if (text.contains("\\u0000") && holdsNul(value)) {
        throw Refusal.malformed("request body holds U+0000 (\\u0000), which cannot be stored");
      }
      return new JsonBody(value.asJsonObject(), "");
    } catch (Refusal problem) {
      throw problem;
    } catch (RuntimeException e) {
      // JsonException, and the plain RuntimeException Parsson throws past its nesting limit.
      throw new Refusal(
          Refusal.Kind.MALFORMED,
          "malformed-json",
          "Malformed JSON",
          "request body is not valid JSON: " + e.getMessage(),
          null);
    }
  }

  private static boolean holdsNul(JsonValue value) {
    return switch (value.getValueType()) {
      case STRING -> ((jakarta.json.JsonString) value).getString().indexOf('\0') >= 0;
      case ARRAY -> value.asJsonArray().stream().anyMatch(JsonBody::holdsNul);
      case OBJECT ->
          value.asJsonObject().entrySet().stream()
              .anyMatch(e -> e.getKey().indexOf('\0') >= 0 || holdsNul(e.getValue()));
      default -> false;
    };
  }

  public String requiredString(String field, int maxLength, Pattern pattern) {
    String value = optionalString(field, maxLength, pattern);
    if (value == null) {
      throw Refusal.invalidField(prefix + field, "is required");
    }
    return value;
  }

  public String optionalString(String field, int maxLength, Pattern pattern) {
    JsonValue value = object.get(field);
    if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
      return null;
    }
    if (value.getValueType() != JsonValue.ValueType.STRING) {
      throw Refusal.invalidField(prefix + field, "must be a string");
    }
    return checked(field, ((JsonString) value).getString(), maxLength, pattern);
  }

  /** Whether the body names the field at all (null counts): PATCH changes only what it names. */
  public boolean has(String field) {
    return object.containsKey(field);
  }

  public Integer optionalInteger(String field, int min, int max) {
    JsonValue value = object.get(field);
    if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
      return null;
    }
    if (value.getValueType() != JsonValue.ValueType.NUMBER
        || !((jakarta.json.JsonNumber) value).isIntegral()) {
      throw Refusal.invalidField(prefix + field, "must be a whole number");
    }
    long number = ((jakarta.json.JsonNumber) value).longValue();
    if (number < min || number > max) {
      throw Refusal.invalidField(prefix + field, "must be between " + min + " and " + max);
    }
    return (int) number;
  }

  public Boolean optionalBoolean(String field) {
    JsonValue value = object.get(field);
    if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
      return null;
    }
    if (value != JsonValue.TRUE && value != JsonValue.FALSE) {
      throw Refusal.invalidField(prefix + field, "must be true or false");
    }
    return value == JsonValue.TRUE;
  }

  /** A JSON object of string values, in order; empty when absent. */
  public java.util.Map<String, String> optionalStringMap(String field) {
    JsonValue value = object.get(field);
    if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
      return java.util.Map.of();
    }
    if (value.getValueType() != JsonValue.ValueType.OBJECT) {
      throw Refusal.invalidField(prefix + field, "must be an object of strings");
    }
    java.util.Map<String, String> map = new java.util.LinkedHashMap<>();
    for (var entry : value.asJsonObject().entrySet()) {
      if (entry.getValue().getValueType() != JsonValue.ValueType.STRING) {
        throw Refusal.invalidField(prefix + field + "." + entry.getKey(), "must be a string");
      }
      map.put(entry.getKey(), ((JsonString) entry.getValue()).getString());
    }
    return map;
  }

  public JsonObject requiredObject(String field) {
    JsonValue value = object.get(field);
    if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
      throw Refusal.invalidField(prefix + field, "is required");
    }
    if (value.getValueType() != JsonValue.ValueType.OBJECT) {
      throw Refusal.invalidField(prefix + field, "must be a JSON object");
    }
    return value.asJsonObject();
  }

  public List<String> optionalStrings(String field, int maxItems, int maxLength, Pattern pattern) {
    JsonValue value = object.get(field);
    if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
      return List.of();
    }
    if (value.getValueType() != JsonValue.ValueType.ARRAY) {
      throw Refusal.invalidField(prefix + field, "must be an array of strings");
    }
    JsonArray array = value.asJsonArray();
    if (array.size() > maxItems) {
      throw Refusal.invalidField(prefix + field, "has more than " + maxItems + " items");
    }
    List<String> strings = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      String name = field + "[" + i + "]";
      if (array.get(i).getValueType() != JsonValue.ValueType.STRING) {
        throw Refusal.invalidField(name, "must be a string");
      }
      strings.add(checked(name, array.getString(i), maxLength, pattern));
    }
    return List.copyOf(strings);
  }

  private String checked(String field, String value, int maxLength, Pattern pattern) {
    if (value.isEmpty()) {
      throw Refusal.invalidField(prefix + field, "must not be empty");
    }
    if (value.length() > maxLength) {
      throw Refusal.invalidField(prefix + field, "must be at most " + maxLength + " characters");
    }
    if (pattern != null && !pattern.matcher(value).matches()) {
      throw Refusal.invalidField(prefix + field, "must match " + pattern.pattern());
    }
    return value;
  }
}
