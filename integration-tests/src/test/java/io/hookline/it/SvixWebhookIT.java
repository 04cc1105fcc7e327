package io.hookline.it;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.svix.Webhook;
import com.svix.exceptions.WebhookVerificationException;
import jakarta.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A delivery as a Svix subscriber receives it, judged by Svix's own verifier (com.svix.Webhook):
 * the {@code svix-*} headers alone verify, the {@code webhook-*} headers alone verify, and a
 * changed payload does not.
 */
class SvixWebhookIT extends MicroTest {

  /** Only the headers whose names start with {@code prefix}, as Svix's verifier takes them. */
  private static Map<String, List<String>> only(Receiver.Received request, String prefix) {
    return request.headers().entrySet().stream()
        .filter(header -> header.getKey().startsWith(prefix))
        .collect(Collectors.toMap(Map.Entry::getKey, header -> List.of(header.getValue())));
  }

  @Test
  void svixsVerifierAcceptsEitherSetOfHeadersAndRefusesAChangedPayload() throws Exception {
    String app = createApp("svix webhook test");
    String endpoint = createEndpoint(app, "/svix");
    String secret =
        api.get("/api/v1/app/" + app + "/endpoint/" + endpoint + "/secret").json().getString("key");
    Api.Response sent =
        api.post(
            "/api/v1/app/" + app + "/msg",
            Json.createObjectBuilder()
                .add("eventType", "invoice.paid")
                .add("payload", Json.createObjectBuilder().add("invoiceId", "inv_1").add("n", 42))
                .build());
    assertEquals(202, sent.status(), sent.body());
    String messageId = sent.json().getString("id");

    Receiver.Received request = receiver.await("/svix", 1, WAIT).get(0);
    String payload = new String(request.body(), StandardCharsets.UTF_8);
    Map<String, List<String>> svix = only(request, "svix-");
    Map<String, List<String>> standard = only(request, "webhook-");
    assertEquals(3, svix.size(), svix.toString());
    assertEquals(3, standard.size(), standard.toString());
    assertEquals(List.of(messageId), svix.get("svix-id"));
    assertEquals(standard.get("webhook-id"), svix.get("svix-id"));
    assertEquals(standard.get("webhook-timestamp"), svix.get("svix-timestamp"));
    assertEquals(standard.get("webhook-signature"), svix.get("svix-signature"));

    Webhook verifier = new Webhook(secret);
    assertDoesNotThrow(() -> verifier.verify(payload, svix), "svix-* headers verify");
    assertDoesNotThrow(() -> verifier.verify(payload, standard), "webhook-* headers verify");

    String tampered = payload.replace("inv_1", "inv_2");
    assertTrue(!tampered.equals(payload), payload);
    assertThrows(WebhookVerificationException.class, () -> verifier.verify(tampered, svix));
    assertThrows(WebhookVerificationException.class, () -> verifier.verify(tampered, standard));
    assertThrows(
        WebhookVerificationException.class,
        () -> new Webhook("whsec_" + "A".repeat(32)).verify(payload, svix),
        "another secret does not verify");
  }

  @Test
  void anEndpointCannotSetSvixHeaders() {
    String app = createApp("svix header test");
    Api.Response refused =
        api.post(
            "/api/v1/app/" + app + "/endpoint",
            Json.createObjectBuilder()
                .add("url", receiver.url("/svix-custom"))
                .add("headers", Json.createObjectBuilder().add("Svix-Signature", "v1,forged"))
                .build());
    assertTrue(refused.status() >= 400 && refused.status() < 500, refused.toString());
    assertTrue(refused.contentType().startsWith("application/problem+json"), refused.toString());
    assertTrue(refused.body().contains("Svix-Signature"), refused.body());
  }
}
