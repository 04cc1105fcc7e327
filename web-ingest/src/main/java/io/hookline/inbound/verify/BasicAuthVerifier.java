package io.hookline.inbound.verify;

import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** HTTP Basic authentication; the secret is {@code user:password}. */
final class BasicAuthVerifier implements Verifier {
  @Override
  public Verified verify(InboundRequest request, String secret, JsonObject config, Instant now)
      throws Rejected {
    String header = request.requiredHeader("Authorization", Rejected.Kind.BAD_SIGNATURE);
    byte[] decoded = null;
    if (header.regionMatches(true, 0, "Basic ", 0, 6)) {
      decoded = Crypto.fromBase64(header.substring(6));
    }
    if (!Crypto.same(secret.getBytes(StandardCharsets.UTF_8), decoded)) {
      throw new Rejected(Rejected.Kind.BAD_SIGNATURE, "Basic credentials do not match");
    }
    return ConfiguredIdentity.of(request, config);
  }

  @Override
  public String problemWithSecret(String secret) {
    return secret.contains(":") ? null : "must be user:password";
  }

  @Override
  public String problemWithConfig(JsonObject config) {
    return ConfiguredIdentity.problemWith(config);
  }

  @Override
  public Protection protection(boolean hasSecret) {
    return Protection.SHARED_SECRET;
  }
}
