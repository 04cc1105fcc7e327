package io.hookline.signature;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and verifies per the Standard Webhooks specification: {@code v1,} followed by the base64
 * HMAC-SHA256 of {@code id.timestamp.body}, keyed with the base64-decoded part of a {@code whsec_}
 * secret.
 */
public final class WebhookSignature {
  public static final String SECRET_PREFIX = "whsec_";
  private static final int GENERATED_SECRET_BYTES = 24;
  private static final SecureRandom RANDOM = new SecureRandom();

  private WebhookSignature() {}

  /** A fresh secret: {@code whsec_} and the base64 of 24 random bytes. */
  public static String newSecret() {
    byte[] key = new byte[GENERATED_SECRET_BYTES];
    RANDOM.nextBytes(key);
    return SECRET_PREFIX + Base64.getEncoder().encodeToString(key);
  }

  /**
   * Whether a secret can sign: {@code whsec_} and base64 of 24 to 64 bytes.
   *
   * @return null when valid, otherwise why not
   */
  public static String problemWith(String secret) {
    if (secret == null || !secret.startsWith(SECRET_PREFIX)) {
      return "must start with " + SECRET_PREFIX;
    }
    try {
      int length = Base64.getDecoder().decode(secret.substring(SECRET_PREFIX.length())).length;
      if (length < 24 || length > 64) {
        return "must encode 24 to 64 bytes of key, not " + length;
      }
      return null;
    } catch (IllegalArgumentException e) {
      return "is not valid base64 after " + SECRET_PREFIX;
    }
  }

  /** One {@code v1,} signature per secret, space-separated: how a rotation overlap is signed. */
  public static String signAll(
      java.util.List<String> secrets, String messageId, long timestampSeconds, byte[] body) {
    StringBuilder header = new StringBuilder();
    for (String secret : secrets) {
      if (header.length() > 0) {
        header.append(' ');
      }
      header.append(sign(secret, messageId, timestampSeconds, body));
    }
    return header.toString();
  }

  public static String sign(String secret, String messageId, long timestampSeconds, byte[] body) {
    byte[] mac = hmac(key(secret), messageId, timestampSeconds, body);
    return "v1," + Base64.getEncoder().encodeToString(mac);
  }

  /**
   * True when any {@code v1,} entry of a space-separated signature header matches. Comparison is
   * constant-time in the signature bytes.
   */
  public static boolean verify(
      String secret, String messageId, long timestampSeconds, byte[] body, String header) {
    if (header == null) {
      return false;
    }
    byte[] expected = hmac(key(secret), messageId, timestampSeconds, body);
    boolean matched = false;
    for (String entry : header.trim().split(" +")) {
      if (!entry.startsWith("v1,")) {
        continue;
      }
      byte[] given;
      try {
        given = Base64.getDecoder().decode(entry.substring(3));
      } catch (IllegalArgumentException e) {
        continue;
      }
      matched |= MessageDigest.isEqual(expected, given);
    }
    return matched;
  }

  private static byte[] key(String secret) {
    String encoded =
        secret.startsWith(SECRET_PREFIX) ? secret.substring(SECRET_PREFIX.length()) : secret;
    return Base64.getDecoder().decode(encoded);
  }

  private static byte[] hmac(byte[] key, String messageId, long timestampSeconds, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      mac.update((messageId + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8));
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
    }
  }
}
