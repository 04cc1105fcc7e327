package io.hookline.inbound.verify;

import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;

/**
 * Stripe: {@code Stripe-Signature: t=<unix>,v1=<hex HMAC-SHA256 of "t.body">[,v1=...]}, the
 * timestamp within 300 s; the event's id and type are in the body.
 */
final class StripeVerifier implements Verifier {
  static final Duration TOLERANCE = Duration.ofSeconds(300);

  @Override
  public Verified verify(InboundRequest request, String secret, JsonObject config, Instant now)
      throws Rejected {
    String header = request.requiredHeader("Stripe-Signature", Rejected.Kind.BAD_SIGNATURE);
    String timestamp = null;
    java.util.List<String> signatures = new java.util.ArrayList<>();
    for (String part : header.split(",")) {
      String[] pair = part.trim().split("=", 2);
      if (pair.length == 2 && pair[0].equals("t")) {
        timestamp = pair[1];
      } else if (pair.length == 2 && pair[0].equals("v1")) {
        signatures.add(pair[1]);
      }
    }
    if (timestamp == null || signatures.isEmpty()) {
      throw new Rejected(Rejected.Kind.BAD_SIGNATURE, "Stripe-Signature lacks t= or v1=");
    }
    long seconds = Bodies.epochSeconds(timestamp, "Stripe-Signature t=");
    byte[] expected =
        Crypto.hmac("sha256", Crypto.utf8(secret), Crypto.utf8(timestamp + "."), request.body());
    boolean matched = false;
    for (String signature : signatures) {
      matched |= Crypto.same(expected, Crypto.fromHex(signature));
    }
    if (!matched) {
      throw new Rejected(
          Rejected.Kind.BAD_SIGNATURE, "no v1 signature in Stripe-Signature matches");
    }
    Bodies.fresh(seconds, now, TOLERANCE);
    JsonObject event = Bodies.object(request.body());
    return new Verified(Bodies.requiredString(event, "id"), Bodies.requiredString(event, "type"));
  }

  @Override
  public Protection protection(boolean hasSecret) {
    return Protection.SIGNED_TIMESTAMP;
  }
}
