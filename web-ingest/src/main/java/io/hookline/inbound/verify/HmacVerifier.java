package io.hookline.inbound.verify;

import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.Set;

/**
 * Any sender that signs the body with an HMAC: config {@code header} (required), {@code algorithm}
 * (sha1, sha256 or sha512; sha256 by default), {@code encoding} (hex or base64; hex by default),
 * {@code prefix} (such as {@code sha256=}), and the id and type settings of {@link
 * ConfiguredIdentity}.
 */
final class HmacVerifier implements Verifier {
  private static final Set<String> ALGORITHMS = Set.of("sha1", "sha256", "sha512");
  private static final Set<String> ENCODINGS = Set.of("hex", "base64");

  @Override
  public Verified verify(InboundRequest request, String secret, JsonObject config, Instant now)
      throws Rejected {
    String header = config.getString("header");
    String prefix = config.getString("prefix", "");
    String given = request.requiredHeader(header, Rejected.Kind.BAD_SIGNATURE);
    byte[] expected =
        Crypto.hmac(config.getString("algorithm", "sha256"), Crypto.utf8(secret), request.body());
    byte[] decoded = null;
    if (given.startsWith(prefix)) {
      String value = given.substring(prefix.length());
      decoded =
          config.getString("encoding", "hex").equals("base64")
              ? Crypto.fromBase64(value)
              : Crypto.fromHex(value);
    }
    if (!Crypto.same(expected, decoded)) {
      throw new Rejected(Rejected.Kind.BAD_SIGNATURE, header + " does not match");
    }
    return ConfiguredIdentity.of(request, config);
  }

  @Override
  public String problemWithConfig(JsonObject config) {
    if (!(config.get("header") instanceof jakarta.json.JsonString header)
        || header.getString().isBlank()) {
      return "config.header must name the header that carries the signature";
    }
    if (!ALGORITHMS.contains(config.getString("algorithm", "sha256"))) {
      return "config.algorithm must be one of " + ALGORITHMS;
    }
    if (!ENCODINGS.contains(config.getString("encoding", "hex"))) {
      return "config.encoding must be hex or base64";
    }
    return ConfiguredIdentity.problemWith(config);
  }

  @Override
  public Protection protection(boolean hasSecret) {
    return Protection.SIGNED_BODY;
  }
}
