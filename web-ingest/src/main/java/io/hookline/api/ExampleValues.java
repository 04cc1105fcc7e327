package io.hookline.api;

import io.hookline.json.Jsons;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An OpenAPI example written as JSON text, turned into the plain values a document writer shows.
 */
final class ExampleValues {
  private ExampleValues() {}

  /** Maps, lists, strings, numbers, booleans and nulls; text that is not JSON stays text. */
  static Object parsed(String text) {
    String trimmed = text.strip();
    if (!trimmed.startsWith("{") && !trimmed.startsWith("[")) {
      return text;
    }
    try (var reader = Jsons.createReader(new StringReader(trimmed))) {
      return plain(reader.readValue());
    } catch (JsonException notJson) {
      return text;
    }
  }

  static Object plain(JsonValue value) {
    return switch (value.getValueType()) {
      case OBJECT -> {
        Map<String, Object> map = new LinkedHashMap<>();
        ((JsonObject) value).forEach((name, member) -> map.put(name, plain(member)));
        yield map;
      }
      case ARRAY -> {
        List<Object> list = new ArrayList<>();
        ((JsonArray) value).forEach(item -> list.add(plain(item)));
        yield list;
      }
      case STRING -> ((JsonString) value).getString();
      case NUMBER -> ((JsonNumber) value).numberValue();
      case TRUE -> Boolean.TRUE;
      case FALSE -> Boolean.FALSE;
      case NULL -> null;
    };
  }
}
