package io.hookline.inbound.verify;

import jakarta.json.JsonObject;
import java.time.Instant;

/** GitHub: {@code X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the body>}. */
final class GitHubVerifier implements Verifier {
  @Override
  public Verified verify(InboundRequest request, String secret, JsonObject config, Instant now)
      throws Rejected {
    String signature = request.requiredHeader("X-Hub-Signature-256", Rejected.Kind.BAD_SIGNATURE);
    byte[] expected = Crypto.hmac("sha256", Crypto.utf8(secret), request.body());
    if (!signature.startsWith("sha256=")
        || !Crypto.same(expected, Crypto.fromHex(signature.substring(7)))) {
      throw new Rejected(Rejected.Kind.BAD_SIGNATURE, "X-Hub-Signature-256 does not match");
    }
    String delivery = request.requiredHeader("X-GitHub-Delivery", Rejected.Kind.MALFORMED);
    String event = request.requiredHeader("X-GitHub-Event", Rejected.Kind.MALFORMED);
    String action = null;
    try {
      action = Bodies.string(Bodies.object(request.body()), "action");
    } catch (Rejected notAnObject) {
      // Authentic all the same: kept, and the event header alone names it.
    }
    return new Verified(delivery, "github." + (action == null ? event : event + "." + action));
  }

  @Override
  public Protection protection(boolean hasSecret) {
    return Protection.SIGNED_BODY;
  }
}
