package io.hookline.inbound.verify;

import jakarta.json.JsonObject;
import java.time.Instant;

/** GitLab: the secret token itself in {@code X-Gitlab-Token}; no signature over the body. */
final class GitLabVerifier implements Verifier {
  @Override
  public Verified verify(InboundRequest request, String secret, JsonObject config, Instant now)
      throws Rejected {
    String token = request.requiredHeader("X-Gitlab-Token", Rejected.Kind.BAD_SIGNATURE);
    if (!Crypto.sameText(secret, token)) {
      throw new Rejected(Rejected.Kind.BAD_SIGNATURE, "X-Gitlab-Token does not match");
    }
    String uuid = request.requiredHeader("X-Gitlab-Event-UUID", Rejected.Kind.MALFORMED);
    String kind = Bodies.string(Bodies.object(request.body()), "object_kind");
    if (kind == null) {
      kind = request.requiredHeader("X-Gitlab-Event", Rejected.Kind.MALFORMED);
    }
    return new Verified(uuid, "gitlab." + kind);
  }

  @Override
  public Protection protection(boolean hasSecret) {
    return Protection.SHARED_SECRET;
  }
}
