package io.hookline.inbound.verify;

import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** Builds requests for verifier tests. */
final class Requests {
  private final Map<String, String> headers = new HashMap<>();

  static Requests with(String name, String value) {
    return new Requests().and(name, value);
  }

  Requests and(String name, String value) {
    headers.put(name.toLowerCase(Locale.ROOT), value);
    return this;
  }

  InboundRequest body(String body) {
    return new InboundRequest(Map.copyOf(headers), body.getBytes(StandardCharsets.UTF_8));
  }

  static final JsonObject NO_CONFIG = JsonObject.EMPTY_JSON_OBJECT;

  private Requests() {}
}
