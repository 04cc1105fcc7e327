package io.hookline.inbound.verify;

import jakarta.json.JsonObject;
import java.time.Instant;

/** Shopify: {@code X-Shopify-Hmac-Sha256: <base64 HMAC-SHA256 of the body>}. */
final class ShopifyVerifier implements Verifier {
  @Override
  public Verified verify(InboundRequest request, String secret, JsonObject config, Instant now)
      throws Rejected {
    String signature = request.requiredHeader("X-Shopify-Hmac-Sha256", Rejected.Kind.BAD_SIGNATURE);
    byte[] expected = Crypto.hmac("sha256", Crypto.utf8(secret), request.body());
    if (!Crypto.same(expected, Crypto.fromBase64(signature))) {
      throw new Rejected(Rejected.Kind.BAD_SIGNATURE, "X-Shopify-Hmac-Sha256 does not match");
    }
    String id = request.requiredHeader("X-Shopify-Webhook-Id", Rejected.Kind.MALFORMED);
    String topic = request.requiredHeader("X-Shopify-Topic", Rejected.Kind.MALFORMED);
    return new Verified(id, "shopify." + topic.replace('/', '.'));
  }

  @Override
  public Protection protection(boolean hasSecret) {
    return Protection.SIGNED_BODY;
  }
}
