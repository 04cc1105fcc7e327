package io.hookline.signature;

import java.util.Base64;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

/** For any key, id, time and body: a signature verifies, and any change to what it covers fails. */
class WebhookSignaturePropertiesTest {

  static String secret(byte[] key) {
    return WebhookSignature.SECRET_PREFIX + Base64.getEncoder().encodeToString(key);
  }

  @Property(tries = 300)
  boolean aSignatureVerifies(
      @ForAll @Size(min = 24, max = 64) byte[] key,
      @ForAll @StringLength(min = 1, max = 60) String id,
      @ForAll @IntRange(min = 0) int timestamp,
      @ForAll @Size(max = 2000) byte[] body) {
    String secret = secret(key);
    return WebhookSignature.verify(
        secret, id, timestamp, body, WebhookSignature.sign(secret, id, timestamp, body));
  }

  @Property(tries = 300)
  boolean anyChangedByteOfTheBodyFails(
      @ForAll @Size(min = 24, max = 64) byte[] key,
      @ForAll @Size(min = 1, max = 2000) byte[] body,
      @ForAll @IntRange(min = 0, max = 1999) int at,
      @ForAll @IntRange(min = 1, max = 255) int flip) {
    String secret = secret(key);
    String signature = WebhookSignature.sign(secret, "msg_1", 1700000000, body);
    byte[] changed = body.clone();
    changed[at % body.length] ^= (byte) flip;
    return !WebhookSignature.verify(secret, "msg_1", 1700000000, changed, signature);
  }

  @Property(tries = 200)
  boolean anotherTimestampOrIdFails(
      @ForAll @Size(min = 24, max = 64) byte[] key,
      @ForAll @Size(max = 500) byte[] body,
      @ForAll @IntRange(min = 1, max = 1000) int later) {
    String secret = secret(key);
    String signature = WebhookSignature.sign(secret, "msg_1", 1700000000, body);
    return !WebhookSignature.verify(secret, "msg_1", 1700000000L + later, body, signature)
        && !WebhookSignature.verify(secret, "msg_2", 1700000000, body, signature);
  }
}
