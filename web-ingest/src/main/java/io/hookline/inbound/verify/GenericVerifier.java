package io.hookline.inbound.verify;

import io.hookline.platform.EventTypes;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Hookline's own envelope for senders with no scheme of their own: {@code {"event_id",
 * "event_type", "occurred_at", "payload"}}, each field checked. With a secret, the sender must also
 * send {@code Authorization: Bearer <secret>}.
 */
final class GenericVerifier implements Verifier {
  @Override
  public Verified verify(InboundRequest request, String secret, JsonObject config, Instant now)
      throws Rejected {
    if (secret != null) {
      String header = request.requiredHeader("Authorization", Rejected.Kind.BAD_SIGNATURE);
      if (!header.regionMatches(true, 0, "Bearer ", 0, 7)
          || !Crypto.sameText(secret, header.substring(7).trim())) {
        throw new Rejected(Rejected.Kind.BAD_SIGNATURE, "bearer token does not match");
      }
    }
    JsonObject envelope = Bodies.object(request.body());
    String id = text(envelope, "event_id");
    if (id.length() > 256) {
      throw malformed("event_id must be at most 256 characters");
    }
    String type = text(envelope, "event_type");
    if (type.length() > 200 || !EventTypes.PATTERN.matcher(type).matches()) {
      throw malformed("event_type must be dot-separated words of letters, digits, _ and -");
    }
    try {
      OffsetDateTime.parse(text(envelope, "occurred_at"));
    } catch (DateTimeParseException e) {
      throw malformed("occurred_at must be an RFC 3339 date-time such as 2026-01-31T12:00:00Z");
    }
    JsonValue payload = envelope.get("payload");
    if (payload == null || payload.getValueType() != JsonValue.ValueType.OBJECT) {
      throw malformed("payload must be a JSON object");
    }
    return new Verified(id, type);
  }

  @Override
  public boolean needsSecret() {
    return false;
  }

  private static String text(JsonObject envelope, String field) throws Rejected {
    if (!(envelope.get(field) instanceof JsonString value) || value.getString().isBlank()) {
      throw malformed(field + " must be a non-empty string");
    }
    return value.getString();
  }

  private static Rejected malformed(String reason) {
    return new Rejected(Rejected.Kind.MALFORMED, reason);
  }

  @Override
  public Protection protection(boolean hasSecret) {
    return hasSecret ? Protection.SHARED_SECRET : Protection.NONE;
  }
}
