package io.hookline.delivery.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SignatureHeadersTest {
  static final Map<String, String> CUSTOM = Map.of("X-Tenant", "acme");

  @Test
  void bothSendsEachValueUnderBothNames() {
    Map<String, String> headers = SignatureHeaders.BOTH.with(CUSTOM, "msg_1", 1700000000L, "v1,s");
    assertEquals(
        Map.of(
            "X-Tenant", "acme",
            "webhook-id", "msg_1",
            "webhook-timestamp", "1700000000",
            "webhook-signature", "v1,s",
            "svix-id", "msg_1",
            "svix-timestamp", "1700000000",
            "svix-signature", "v1,s"),
        headers);
  }

  @Test
  void webhookSendsOnlyStandardWebhooksNames() {
    assertEquals(
        Map.of(
            "X-Tenant", "acme",
            "webhook-id", "msg_1",
            "webhook-timestamp", "5",
            "webhook-signature", "v1,s"),
        SignatureHeaders.WEBHOOK.with(CUSTOM, "msg_1", 5, "v1,s"));
  }

  @Test
  void svixSendsOnlySvixNames() {
    assertEquals(
        Map.of(
            "X-Tenant", "acme",
            "svix-id", "msg_1",
            "svix-timestamp", "5",
            "svix-signature", "v1,s"),
        SignatureHeaders.SVIX.with(CUSTOM, "msg_1", 5, "v1,s"));
  }

  @Test
  void theEndpointsOwnMapIsLeftAlone() {
    Map<String, String> custom = new java.util.HashMap<>(CUSTOM);
    SignatureHeaders.BOTH.with(custom, "msg_1", 5, "v1,s");
    assertEquals(CUSTOM, custom);
  }

  @Test
  void parsesTheSettingInAnyCase() {
    assertEquals(SignatureHeaders.BOTH, SignatureHeaders.parse("both"));
    assertEquals(SignatureHeaders.WEBHOOK, SignatureHeaders.parse(" Webhook "));
    assertEquals(SignatureHeaders.SVIX, SignatureHeaders.parse("SVIX"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "svix,webhook", "standard", "webhooks"})
  void refusesAnythingElseNamingTheChoices(String value) {
    IllegalArgumentException wrong =
        assertThrows(IllegalArgumentException.class, () -> SignatureHeaders.parse(value));
    assertTrue(wrong.getMessage().contains("both, webhook, svix"), wrong.getMessage());
  }
}
