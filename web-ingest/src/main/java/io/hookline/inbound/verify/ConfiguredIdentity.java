package io.hookline.inbound.verify;

import io.hookline.json.Jsons;
import io.hookline.platform.Sha256;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Locale;

/**
 * Where a generic sender puts its delivery id and event type, from the source's config: {@code
 * idHeader}, {@code typeHeader} or {@code typeField} (a JSON Pointer into the body). Without an id
 * header, the body's SHA-256 is the id: a byte-identical repeat is then a duplicate.
 */
final class ConfiguredIdentity {
  private ConfiguredIdentity() {}

  static Verified of(InboundRequest request, JsonObject config) throws Rejected {
    String idHeader = config.getString("idHeader", null);
    String id =
        idHeader == null
            ? "sha256:" + Sha256.hex(request.body())
            : request.requiredHeader(idHeader, Rejected.Kind.MALFORMED);
    String typeHeader = config.getString("typeHeader", null);
    String typeField = config.getString("typeField", null);
    String type = "webhook";
    if (typeHeader != null) {
      type = request.requiredHeader(typeHeader, Rejected.Kind.MALFORMED);
    } else if (typeField != null) {
      JsonValue value;
      try {
        value = Jsons.createPointer(typeField).getValue(Bodies.object(request.body()));
      } catch (JsonException e) {
        throw new Rejected(Rejected.Kind.MALFORMED, "body has nothing at " + typeField);
      }
      if (!(value instanceof JsonString text)) {
        throw new Rejected(Rejected.Kind.MALFORMED, typeField + " in the body is not a string");
      }
      type = text.getString();
    }
    return new Verified(id, type);
  }

  static String problemWith(JsonObject config) {
    for (String key : new String[] {"idHeader", "typeHeader", "typeField"}) {
      if (config.containsKey(key) && !(config.get(key) instanceof JsonString)) {
        return "config." + key + " must be a string";
      }
    }
    String pointer = config.getString("typeField", null);
    if (pointer != null) {
      try {
        Jsons.createPointer(pointer);
      } catch (JsonException e) {
        return "config.typeField must be a JSON Pointer such as /type";
      }
    }
    return null;
  }

  static String lower(String text) {
    return text.toLowerCase(Locale.ROOT);
  }
}
