package io.hookline.inbound.verify;

import io.hookline.platform.Sha256;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.Locale;

/**
 * Slack: {@code X-Slack-Signature: v0=<hex HMAC-SHA256 of "v0:timestamp:body">} with {@code
 * X-Slack-Request-Timestamp} within 5 minutes. Events API bodies are JSON (their {@code
 * url_verification} challenge is answered, not stored); slash commands and interactions are form
 * posts.
 */
final class SlackVerifier implements Verifier {
  @Override
  public Verified verify(InboundRequest request, String secret, JsonObject config, Instant now)
      throws Rejected {
    String timestamp =
        request.requiredHeader("X-Slack-Request-Timestamp", Rejected.Kind.BAD_SIGNATURE);
    String signature = request.requiredHeader("X-Slack-Signature", Rejected.Kind.BAD_SIGNATURE);
    long seconds = Bodies.epochSeconds(timestamp, "X-Slack-Request-Timestamp");
    byte[] expected =
        Crypto.hmac(
            "sha256", Crypto.utf8(secret), Crypto.utf8("v0:" + timestamp + ":"), request.body());
    if (!signature.startsWith("v0=")
        || !Crypto.same(expected, Crypto.fromHex(signature.substring(3)))) {
      throw new Rejected(Rejected.Kind.BAD_SIGNATURE, "X-Slack-Signature does not match");
    }
    Bodies.fresh(seconds, now, Bodies.TOLERANCE);
    if (!Bodies.isJson(request.header("content-type"))) {
      // A slash command or an interaction: Slack gives it no id, so its bytes are its identity.
      String body = new String(request.body(), java.nio.charset.StandardCharsets.UTF_8);
      String type =
          body.matches("(?s)(.*&)?command=.*") ? "slack.slash_command" : "slack.interaction";
      return new Verified("sha256:" + Sha256.hex(request.body()), type);
    }
    JsonObject json = Bodies.object(request.body());
    String type = Bodies.requiredString(json, "type");
    if (type.equals("url_verification")) {
      return new Verified(null, type, Bodies.requiredString(json, "challenge"));
    }
    JsonObject event = json.get("event") instanceof JsonObject inner ? inner : null;
    String eventType = event == null ? null : Bodies.string(event, "type");
    return new Verified(
        Bodies.requiredString(json, "event_id"), "slack." + (eventType == null ? type : eventType));
  }

  @Override
  public boolean accepts(String mediaType) {
    return Bodies.isJson(mediaType)
        || (mediaType != null
            && mediaType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded"));
  }

  @Override
  public Protection protection(boolean hasSecret) {
    return Protection.SIGNED_TIMESTAMP;
  }
}
