package io.hookline.inbound.verify;

import jakarta.json.JsonObject;
import java.time.Instant;

/** One provider's way of signing and identifying its webhooks. */
public interface Verifier {

  /**
   * @param secret the source's secret, decrypted; null for a type that does not need one
   * @param config the source's type-specific settings (never null)
   */
  Verified verify(InboundRequest request, String secret, JsonObject config, Instant now)
      throws Rejected;

  /** Whether this type needs a secret to verify anything. */
  default boolean needsSecret() {
    return true;
  }

  /**
   * What this type's check proves about a request.
   *
   * @param hasSecret whether the source has a secret (only a type that does not need one may lack
   *     it)
   */
  Protection protection(boolean hasSecret);

  /** What is wrong with a secret for this type, or null. */
  default String problemWithSecret(String secret) {
    return null;
  }

  /** What is wrong with a source's config for this type, or null. */
  default String problemWithConfig(JsonObject config) {
    return null;
  }

  /** The media types a provider of this type sends. */
  default boolean accepts(String mediaType) {
    return Bodies.isJson(mediaType);
  }
}
