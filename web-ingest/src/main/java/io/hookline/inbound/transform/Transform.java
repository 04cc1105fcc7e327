package io.hookline.inbound.transform;

import io.hookline.json.Jsons;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonPointer;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A source's transform, parsed once:
 *
 * <pre>{@code
 * {"pick": {"repo": "/repository/full_name"},   new shape: field <- JSON Pointer into the event
 *  "rename": {"repo": "repository"},             applied to the shape (or the whole event)
 *  "drop": ["/sender/email", "token"],           pointers or top-level names
 *  "add": {"source": "github"},                  constants
 *  "eventType": "/type"}                         event type from a string in the event
 * }</pre>
 *
 * Applied in that order. Pick and eventType read the event as received.
 */
public final class Transform {
  /** The result: the new payload and, when the rules set one, the event type. */
  public record Shaped(JsonObject payload, String eventType) {}

  /** A rule that does not fit an event, or rules that do not parse. */
  public static final class Failure extends Exception {
    private static final long serialVersionUID = 1L;

    public Failure(String reason) {
      super(reason, null, false, false);
    }
  }

  private final Map<String, String> pick;
  private final Map<String, String> rename;
  private final List<String> drop;
  private final JsonObject add;
  private final String eventType;

  private Transform(
      Map<String, String> pick,
      Map<String, String> rename,
      List<String> drop,
      JsonObject add,
      String eventTypePointer) {
    this.pick = pick;
    this.rename = rename;
    this.drop = drop;
    this.add = add;
    this.eventType = eventTypePointer;
  }

  /** Parses rules; the message of a Failure names the rule at fault. */
  public static Transform parse(JsonObject rules) throws Failure {
    for (String key : rules.keySet()) {
      if (!List.of("pick", "rename", "drop", "add", "eventType").contains(key)) {
        throw new Failure(
            "unknown rule \"" + key + "\"; rules are pick, rename, drop, add, eventType");
      }
    }
    Map<String, String> pick = null;
    if (rules.containsKey("pick")) {
      pick = strings(rules, "pick");
      for (Map.Entry<String, String> entry : pick.entrySet()) {
        pointer("pick." + entry.getKey(), entry.getValue());
      }
    }
    Map<String, String> rename = rules.containsKey("rename") ? strings(rules, "rename") : Map.of();
    List<String> drop = new ArrayList<>();
    if (rules.containsKey("drop")) {
      if (!(rules.get("drop") instanceof JsonArray names)) {
        throw new Failure("drop must be an array of field names or JSON Pointers");
      }
      for (JsonValue name : names) {
        if (!(name instanceof JsonString text)) {
          throw new Failure("drop must be an array of field names or JSON Pointers");
        }
        String field = text.getString();
        if (field.startsWith("/")) {
          pointer("drop", field);
        }
        drop.add(field);
      }
    }
    JsonObject add = JsonValue.EMPTY_JSON_OBJECT;
    if (rules.containsKey("add")) {
      if (!(rules.get("add") instanceof JsonObject constants)) {
        throw new Failure("add must be an object of constant fields");
      }
      add = constants;
    }
    String type = null;
    if (rules.containsKey("eventType")) {
      if (!(rules.get("eventType") instanceof JsonString pointer)) {
        throw new Failure("eventType must be a JSON Pointer such as /type");
      }
      type = pointer.getString();
      pointer("eventType", type);
    }
    return new Transform(pick, rename, drop, add, type);
  }

  public Shaped apply(JsonObject event) throws Failure {
    JsonObject shape = event;
    if (pick != null) {
      JsonObjectBuilder picked = Jsons.createObjectBuilder();
      for (Map.Entry<String, String> entry : pick.entrySet()) {
        picked.add(entry.getKey(), valueAt(event, entry.getValue(), "pick." + entry.getKey()));
      }
      shape = picked.build();
    }
    if (!rename.isEmpty()) {
      JsonObjectBuilder renamed = Jsons.createObjectBuilder();
      for (Map.Entry<String, JsonValue> field : shape.entrySet()) {
        renamed.add(rename.getOrDefault(field.getKey(), field.getKey()), field.getValue());
      }
      shape = renamed.build();
    }
    for (String field : drop) {
      if (field.startsWith("/")) {
        JsonPointer pointer = Jsons.createPointer(field);
        if (pointer.containsValue(shape)) {
          shape = pointer.remove(shape);
        }
      } else if (shape.containsKey(field)) {
        shape = Jsons.createObjectBuilder(shape).remove(field).build();
      }
    }
    if (!add.isEmpty()) {
      JsonObjectBuilder added = Jsons.createObjectBuilder(shape);
      add.forEach(added::add);
      shape = added.build();
    }
    String type = null;
    if (eventType != null) {
      JsonValue value = valueAt(event, eventType, "eventType");
      if (!(value instanceof JsonString text) || text.getString().isBlank()) {
        throw new Failure("eventType: " + eventType + " is not a string in this event");
      }
      type = text.getString();
    }
    return new Shaped(shape, type);
  }

  private static JsonValue valueAt(JsonObject event, String pointer, String rule) throws Failure {
    try {
      return Jsons.createPointer(pointer).getValue(event);
    } catch (JsonException e) {
      throw new Failure(rule + ": " + pointer + " is not in this event");
    }
  }

  private static JsonPointer pointer(String rule, String text) throws Failure {
    try {
      return Jsons.createPointer(text);
    } catch (JsonException e) {
      throw new Failure(rule + ": \"" + text + "\" is not a JSON Pointer (such as /a/b)");
    }
  }

  private static Map<String, String> strings(JsonObject rules, String name) throws Failure {
    if (!(rules.get(name) instanceof JsonObject map)) {
      throw new Failure(name + " must be an object of strings");
    }
    Map<String, String> strings = new LinkedHashMap<>();
    for (Map.Entry<String, JsonValue> entry : map.entrySet()) {
      if (!(entry.getValue() instanceof JsonString text)) {
        throw new Failure(name + "." + entry.getKey() + " must be a string");
      }
      strings.put(entry.getKey(), text.getString());
    }
    return strings;
  }
}
