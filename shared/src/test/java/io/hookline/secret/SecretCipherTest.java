package io.hookline.secret;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class SecretCipherTest {
  private static final byte[] KEY = new byte[32];

  static {
    for (int i = 0; i < KEY.length; i++) {
      KEY[i] = (byte) i;
    }
  }

  private final SecretCipher cipher = new SecretCipher(KEY, "k1");

  @Test
  void sealedSecretOpensToTheSameText() {
    String sealed = cipher.seal("whsec_abc");
    assertEquals("whsec_abc", cipher.open(sealed, "k1"));
  }

  @Test
  void sealedTextNeitherContainsNorRepeatsThePlaintext() {
    String a = cipher.seal("whsec_abc");
    String b = cipher.seal("whsec_abc");
    assertNotEquals(a, b);
    assertEquals(-1, new String(Base64.getDecoder().decode(a)).indexOf("whsec_abc"));
  }

  @Test
  void tamperingIsDetected() {
    byte[] sealed = Base64.getDecoder().decode(cipher.seal("whsec_abc"));
    sealed[sealed.length - 1] ^= 1;
    String tampered = Base64.getEncoder().encodeToString(sealed);
    assertThrows(IllegalStateException.class, () -> cipher.open(tampered, "k1"));
  }

  @Test
  void aValueSealedUnderAnotherKeyIdIsRefused() {
    String sealed = new SecretCipher(KEY, "k2").seal("whsec_abc");
    assertThrows(IllegalStateException.class, () -> cipher.open(sealed, "k2"));
    assertThrows(IllegalStateException.class, () -> cipher.open(sealed, "k1"));
  }

  @Test
  void keyMustBeThirtyTwoBytes() {
    assertThrows(IllegalArgumentException.class, () -> new SecretCipher(new byte[16], "k"));
    assertThrows(IllegalArgumentException.class, () -> SecretCipher.fromBase64("not base64!", "k"));
  }

  @Test
  void aWrongKeyIsRefusedWithWhatIsWrongWithIt() {
    // Valid base64 of five bytes: the length is what is wrong, and the setting is named.
    String shortKey =
        assertThrows(IllegalArgumentException.class, () -> SecretCipher.fromBase64("c2hvcnQ=", "k"))
            .getMessage();
    assertTrue(shortKey.contains("must be 32 bytes") && shortKey.contains("not 5"), shortKey);
    assertTrue(shortKey.contains("HOOKLINE_SECRETS_KEY"), shortKey);
    String notBase64 =
        assertThrows(
                IllegalArgumentException.class, () -> SecretCipher.fromBase64("not base64!", "k"))
            .getMessage();
    assertTrue(notBase64.contains("not valid base64"), notBase64);
  }
}
