package io.hookline.it;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A receiver's check of a Standard Webhooks signature, written from the specification and kept
 * apart from Hookline's signer so the tests do not grade Hookline with its own code.
 */
final class StandardWebhooks {
  private StandardWebhooks() {}

  static boolean verifies(String secret, Receiver.Received request) throws Exception {
    String id = request.header("webhook-id");
    String timestamp = request.header("webhook-timestamp");
    String header = request.header("webhook-signature");
    if (id == null || timestamp == null || header == null) {
      return false;
    }
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(
        new SecretKeySpec(
            Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
    mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
    byte[] expected = mac.doFinal(request.body());
    for (String part : header.split(" ")) {
      if (part.startsWith("v1,")
          && MessageDigest.isEqual(expected, Base64.getDecoder().decode(part.substring(3)))) {
        return true;
      }
    }
    return false;
  }
}
