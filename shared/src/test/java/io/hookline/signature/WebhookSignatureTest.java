package io.hookline.signature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {
  // The Standard Webhooks specification's published test vector.
  private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  private static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
  private static final long TIMESTAMP = 1614265330L;
  private static final byte[] BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
  private static final String SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

  @Test
  void signsTheSpecificationTestVector() {
    assertEquals(SIGNATURE, WebhookSignature.sign(SECRET, ID, TIMESTAMP, BODY));
  }

  @Test
  void verifiesTheTestVector() {
    assertTrue(WebhookSignature.verify(SECRET, ID, TIMESTAMP, BODY, SIGNATURE));
  }

  @Test
  void rejectsATamperedBodyIdOrTimestamp() {
    byte[] tampered = "{\"test\": 2432232315}".getBytes(StandardCharsets.UTF_8);
    assertFalse(WebhookSignature.verify(SECRET, ID, TIMESTAMP, tampered, SIGNATURE));
    assertFalse(WebhookSignature.verify(SECRET, ID + "x", TIMESTAMP, BODY, SIGNATURE));
    assertFalse(WebhookSignature.verify(SECRET, ID, TIMESTAMP + 1, BODY, SIGNATURE));
  }

  @Test
  void acceptsWhenAnyOfSeveralSignaturesMatches() {
    String header = "v1,Zm9vYmFy v2,ignored " + SIGNATURE;
    assertTrue(WebhookSignature.verify(SECRET, ID, TIMESTAMP, BODY, header));
  }

  @Test
  void duringARotationBothSecretsSignAndEachVerifiesAlone() {
    String other = WebhookSignature.newSecret();
    String header = WebhookSignature.signAll(java.util.List.of(other, SECRET), ID, TIMESTAMP, BODY);
    assertEquals(2, header.split(" ").length);
    assertTrue(header.endsWith(" " + SIGNATURE));
    assertTrue(WebhookSignature.verify(SECRET, ID, TIMESTAMP, BODY, header));
    assertTrue(WebhookSignature.verify(other, ID, TIMESTAMP, BODY, header));
    assertFalse(WebhookSignature.verify(WebhookSignature.newSecret(), ID, TIMESTAMP, BODY, header));
  }

  @Test
  void rejectsGarbageHeaders() {
    assertFalse(WebhookSignature.verify(SECRET, ID, TIMESTAMP, BODY, null));
    assertFalse(WebhookSignature.verify(SECRET, ID, TIMESTAMP, BODY, "v1,%%%"));
    assertFalse(WebhookSignature.verify(SECRET, ID, TIMESTAMP, BODY, SIGNATURE.substring(3)));
  }

  @Test
  void newSecretsAreWhsecWithTwentyFourRandomBytes() {
    String secret = WebhookSignature.newSecret();
    assertTrue(secret.startsWith("whsec_"));
    assertEquals(24, Base64.getDecoder().decode(secret.substring(6)).length);
    assertNull(WebhookSignature.problemWith(secret));
  }

  @Test
  void explainsWhatIsWrongWithASecret() {
    assertNotNull(WebhookSignature.problemWith("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"));
    assertNotNull(WebhookSignature.problemWith("whsec_!!!"));
    assertNotNull(
        WebhookSignature.problemWith("whsec_" + Base64.getEncoder().encodeToString(new byte[8])));
  }
}
