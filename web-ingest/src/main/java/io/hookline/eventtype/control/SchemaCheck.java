package io.hookline.eventtype.control;

import io.hookline.platform.Refusal;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.JsonValue.ValueType;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Checks that an event type's {@code schemas} ({@code {version: schema}}) hold JSON Schemas: the
 * structure of the keywords of drafts 4 to 2020-12 that take schemas, names, numbers or arrays,
 * recursively. It does not resolve {@code $ref} nor check formats; unknown keywords pass, as JSON
 * Schema allows. A refusal names the path at fault, such as {@code schemas.1.properties.id.type}.
 */
public final class SchemaCheck {
  static final int MAX_DEPTH = 64;

  private static final Set<String> TYPES =
      Set.of("null", "boolean", "object", "array", "number", "string", "integer");
  private static final Set<String> SCHEMA =
      Set.of(
          "additionalProperties",
          "additionalItems",
          "not",
          "if",
          "then",
          "else",
          "contains",
          "propertyNames",
          "unevaluatedProperties",
          "unevaluatedItems",
          "contentSchema");
  private static final Set<String> SCHEMA_MAP =
      Set.of("properties", "patternProperties", "$defs", "definitions", "dependentSchemas");
  private static final Set<String> SCHEMA_ARRAY = Set.of("allOf", "anyOf", "oneOf", "prefixItems");
  private static final Set<String> COUNT =
      Set.of(
          "minLength",
          "maxLength",
          "minItems",
          "maxItems",
          "minProperties",
          "maxProperties",
          "minContains",
          "maxContains");
  private static final Set<String> NUMBER = Set.of("minimum", "maximum");
  private static final Set<String> TEXT =
      Set.of(
          "title",
          "description",
          "$id",
          "$schema",
          "$ref",
          "$anchor",
          "$comment",
          "format",
          "contentEncoding",
          "contentMediaType");
  private static final Set<String> FLAG =
      Set.of("uniqueItems", "readOnly", "writeOnly", "deprecated");
  private static final Set<String> ARRAY = Set.of("enum", "examples");

  private SchemaCheck() {}

  /** Checks {@code {version: schema, ...}}: each version named, each schema a JSON object. */
  public static void schemas(JsonObject schemas) {
    for (Map.Entry<String, JsonValue> version : schemas.entrySet()) {
      if (version.getKey().isEmpty() || version.getKey().length() > 64) {
        throw invalid("schemas", "has a version whose name is empty or longer than 64 characters");
      }
      String path = "schemas." + version.getKey();
      if (version.getValue().getValueType() != ValueType.OBJECT) {
        throw invalid(path, "must be a JSON Schema (a JSON object)");
      }
      schema(version.getValue(), path, 0);
    }
  }

  private static void schema(JsonValue value, String path, int depth) {
    if (value == JsonValue.TRUE || value == JsonValue.FALSE) {
      return;
    }
    if (value.getValueType() != ValueType.OBJECT) {
      throw invalid(path, "must be a JSON Schema (an object, or true or false)");
    }
    if (depth >= MAX_DEPTH) {
      throw invalid(path, "nests schemas deeper than " + MAX_DEPTH + " levels");
    }
    for (Map.Entry<String, JsonValue> keyword : value.asJsonObject().entrySet()) {
      keyword(keyword.getKey(), keyword.getValue(), path + "." + keyword.getKey(), depth + 1);
    }
  }

  private static void keyword(String name, JsonValue value, String path, int depth) {
    if (name.equals("type")) {
      type(value, path);
    } else if (name.equals("items")) {
      // A schema, or (drafts 4 to 2019-09) an array of schemas, one per position.
      if (value.getValueType() == ValueType.ARRAY) {
        schemaArray(value, path, depth);
      } else {
        schema(value, path, depth);
      }
    } else if (SCHEMA.contains(name)) {
      schema(value, path, depth);
    } else if (SCHEMA_MAP.contains(name)) {
      if (value.getValueType() != ValueType.OBJECT) {
        throw invalid(path, "must be an object of JSON Schemas");
      }
      for (Map.Entry<String, JsonValue> member : value.asJsonObject().entrySet()) {
        schema(member.getValue(), path + "." + member.getKey(), depth);
      }
    } else if (SCHEMA_ARRAY.contains(name)) {
      schemaArray(value, path, depth);
    } else if (name.equals("required")) {
      strings(value, path);
    } else if (ARRAY.contains(name)) {
      if (value.getValueType() != ValueType.ARRAY) {
        throw invalid(path, "must be an array");
      }
    } else if (COUNT.contains(name)) {
      if (!(value instanceof JsonNumber n) || !n.isIntegral() || n.bigDecimalValue().signum() < 0) {
        throw invalid(path, "must be a whole number of 0 or more");
      }
    } else if (NUMBER.contains(name)) {
      if (value.getValueType() != ValueType.NUMBER) {
        throw invalid(path, "must be a number");
      }
    } else if (name.equals("exclusiveMinimum") || name.equals("exclusiveMaximum")) {
      // A number since draft 6, a boolean in draft 4.
      if (value.getValueType() != ValueType.NUMBER
          && value != JsonValue.TRUE
          && value != JsonValue.FALSE) {
        throw invalid(path, "must be a number");
      }
    } else if (name.equals("multipleOf")) {
      if (!(value instanceof JsonNumber n) || n.bigDecimalValue().signum() <= 0) {
        throw invalid(path, "must be a number greater than 0");
      }
    } else if (name.equals("pattern")) {
      regex(value, path);
    } else if (TEXT.contains(name)) {
      if (value.getValueType() != ValueType.STRING) {
        throw invalid(path, "must be a string");
      }
    } else if (FLAG.contains(name)) {
      if (value != JsonValue.TRUE && value != JsonValue.FALSE) {
        throw invalid(path, "must be true or false");
      }
    }
  }

  private static void type(JsonValue value, String path) {
    if (value.getValueType() == ValueType.STRING) {
      typeName(value, path);
      return;
    }
    if (value.getValueType() != ValueType.ARRAY || value.asJsonArray().isEmpty()) {
      throw invalid(path, "must be a type name or a non-empty array of them");
    }
    JsonArray names = value.asJsonArray();
    Set<JsonValue> seen = new HashSet<>();
    for (int i = 0; i < names.size(); i++) {
      typeName(names.get(i), path + "[" + i + "]");
      if (!seen.add(names.get(i))) {
        throw invalid(path + "[" + i + "]", "repeats a type");
      }
    }
  }

  private static void typeName(JsonValue value, String path) {
    if (value.getValueType() != ValueType.STRING
        || !TYPES.contains(((jakarta.json.JsonString) value).getString())) {
      throw invalid(path, "must be one of " + String.join(", ", new java.util.TreeSet<>(TYPES)));
    }
  }

  private static void schemaArray(JsonValue value, String path, int depth) {
    if (value.getValueType() != ValueType.ARRAY || value.asJsonArray().isEmpty()) {
      throw invalid(path, "must be a non-empty array of JSON Schemas");
    }
    JsonArray array = value.asJsonArray();
    for (int i = 0; i < array.size(); i++) {
      schema(array.get(i), path + "[" + i + "]", depth);
    }
  }

  private static void strings(JsonValue value, String path) {
    if (value.getValueType() != ValueType.ARRAY) {
      throw invalid(path, "must be an array of strings");
    }
    JsonArray array = value.asJsonArray();
    for (int i = 0; i < array.size(); i++) {
      if (array.get(i).getValueType() != ValueType.STRING) {
        throw invalid(path + "[" + i + "]", "must be a string");
      }
    }
  }

  private static void regex(JsonValue value, String path) {
    if (value.getValueType() != ValueType.STRING) {
      throw invalid(path, "must be a regular expression, as a string");
    }
    try {
      Pattern.compile(((jakarta.json.JsonString) value).getString());
    } catch (PatternSyntaxException e) {
      throw invalid(path, "is not a regular expression: " + e.getDescription());
    }
  }

  private static Refusal invalid(String path, String detail) {
    return Refusal.invalidField(path, detail);
  }
}
