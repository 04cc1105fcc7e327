package io.hookline.inbound.verify;

import jakarta.json.JsonObject;
import java.time.Instant;

/** A shared key in a header: config {@code header}, {@code X-Api-Key} by default. */
final class ApiKeyVerifier implements Verifier {
  @Override
  public Verified verify(InboundRequest request, String secret, JsonObject config, Instant now)
      throws Rejected {
    String header = config.getString("header", "X-Api-Key");
    String given = request.requiredHeader(header, Rejected.Kind.BAD_SIGNATURE);
    if (!Crypto.sameText(secret, given)) {
      throw new Rejected(Rejected.Kind.BAD_SIGNATURE, header + " does not match");
    }
    return ConfiguredIdentity.of(request, config);
  }

  @Override
  public String problemWithConfig(JsonObject config) {
    if (config.containsKey("header")
        && !(config.get("header") instanceof jakarta.json.JsonString)) {
      return "config.header must be a string";
    }
    return ConfiguredIdentity.problemWith(config);
  }

  @Override
  public Protection protection(boolean hasSecret) {
    return Protection.SHARED_SECRET;
  }
}
