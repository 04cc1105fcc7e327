package io.hookline.platform;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Bearer tokens Hookline hands out (app tokens, portal links): a kind's prefix and 256 random bits
 * in base64url. Only a token's SHA-256 is stored, and a token is found again by that hash, so the
 * database compares digests, never the secret itself.
 */
public final class BearerSecrets {
  private static final SecureRandom RANDOM = new SecureRandom();

  private BearerSecrets() {}

  /** A new token and the hash to store for it; the token itself exists only in the answer. */
  public record Minted(String token, String hash) {}

  public static Minted mint(String prefix) {
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    String token = prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    return new Minted(token, Sha256.hex(token));
  }

  /** The stored hash to look a token up by, or null when it is no token of this kind. */
  public static String hashOf(String prefix, String token) {
    if (token == null || !token.startsWith(prefix)) {
      return null;
    }
    return Sha256.hex(token);
  }
}
