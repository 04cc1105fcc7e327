package io.hookline.inbound.verify;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMACs and constant-time comparisons, the only way the verifiers compare secret material. */
final class Crypto {
  private Crypto() {}

  static byte[] hmac(String algorithm, byte[] key, byte[]... parts) {
    try {
      String name = "Hmac" + algorithm.toUpperCase(java.util.Locale.ROOT).replace("-", "");
      Mac mac = Mac.getInstance(name);
      mac.init(new SecretKeySpec(key, name));
      for (byte[] part : parts) {
        mac.update(part);
      }
      return mac.doFinal();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC " + algorithm + " is not available", e);
    }
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** Constant-time in the content; a length difference is not secret. */
  static boolean same(byte[] expected, byte[] given) {
    return given != null && MessageDigest.isEqual(expected, given);
  }

  static boolean sameText(String expected, String given) {
    return given != null && same(utf8(expected), utf8(given));
  }

  /** Hex (either case) to bytes; null when it is not hex, so a garbled header simply mismatches. */
  static byte[] fromHex(String hex) {
    try {
      return HexFormat.of().parseHex(hex.trim().toLowerCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  static byte[] fromBase64(String text) {
    try {
      return Base64.getDecoder().decode(text.trim());
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
