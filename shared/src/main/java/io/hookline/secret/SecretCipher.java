package io.hookline.secret;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM with a random 96-bit nonce per value. The key id is bound in as associated data, so a
 * ciphertext cannot be replayed under another key's name. Output: base64(nonce || ciphertext).
 */
public final class SecretCipher {
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SecretKeySpec key;
  private final String keyId;

  public SecretCipher(byte[] key, String keyId) {
    if (key.length != 32) {
      throw new IllegalArgumentException(
          "the secrets master key (HOOKLINE_SECRETS_KEY) must be 32 bytes (the base64 of 32 random"
              + " bytes: openssl rand -base64 32), not "
              + key.length);
    }
    this.key = new SecretKeySpec(key, "AES");
    this.keyId = keyId;
  }

  /** Builds a cipher from the base64 form kept in configuration. */
  public static SecretCipher fromBase64(String base64Key, String keyId) {
    byte[] key;
    try {
      key = Base64.getDecoder().decode(base64Key.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "the secrets master key (HOOKLINE_SECRETS_KEY) is not valid base64", e);
    }
    // Outside the try: a key of the wrong length is told as such, not as bad base64.
    return new SecretCipher(key, keyId);
  }

  public String keyId() {
    return keyId;
  }

  public String seal(String plaintext) {
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    try {
      Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce);
      byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder()
          .encodeToString(
              ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM failed to seal", e);
    }
  }

  public String open(String sealed, String sealedWithKeyId) {
    if (!keyId.equals(sealedWithKeyId)) {
      throw new IllegalStateException(
          "secret was sealed with key '"
              + sealedWithKeyId
              + "' but the configured key is '"
              + keyId
              + "'");
    }
    byte[] all = Base64.getDecoder().decode(sealed);
    try {
      Cipher cipher = cipher(Cipher.DECRYPT_MODE, java.util.Arrays.copyOf(all, NONCE_BYTES));
      byte[] plain = cipher.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES);
      return new String(plain, StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          "secret does not open with key '" + keyId + "' (tampered or wrong key)", e);
    }
  }

  private Cipher cipher(int mode, byte[] nonce) throws GeneralSecurityException {
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
    cipher.updateAAD(keyId.getBytes(StandardCharsets.UTF_8));
    return cipher;
  }
}
