package io.hookline.inbound.verify;

import io.hookline.signature.WebhookSignature;
import jakarta.json.JsonObject;
import java.time.Instant;

/**
 * Standard Webhooks: {@code webhook-id}, {@code webhook-timestamp} and {@code webhook-signature}
 * (space-separated {@code v1,<base64>} entries, any of which may match), a {@code whsec_} secret.
 * The same scheme Hookline signs its own deliveries with.
 */
final class StandardWebhooksVerifier implements Verifier {
  @Override
  public Verified verify(InboundRequest request, String secret, JsonObject config, Instant now)
      throws Rejected {
    String id = request.requiredHeader("webhook-id", Rejected.Kind.BAD_SIGNATURE);
    String timestamp = request.requiredHeader("webhook-timestamp", Rejected.Kind.BAD_SIGNATURE);
    String signature = request.requiredHeader("webhook-signature", Rejected.Kind.BAD_SIGNATURE);
    long seconds = Bodies.epochSeconds(timestamp, "webhook-timestamp");
    if (!WebhookSignature.verify(secret, id, seconds, request.body(), signature)) {
      throw new Rejected(Rejected.Kind.BAD_SIGNATURE, "no signature in webhook-signature matches");
    }
    Bodies.fresh(seconds, now, Bodies.TOLERANCE);
    String type = Bodies.string(Bodies.object(request.body()), "type");
    return new Verified(id, type == null ? "webhook" : type);
  }

  @Override
  public String problemWithSecret(String secret) {
    return WebhookSignature.problemWith(secret);
  }

  @Override
  public Protection protection(boolean hasSecret) {
    return Protection.SIGNED_TIMESTAMP;
  }
}
