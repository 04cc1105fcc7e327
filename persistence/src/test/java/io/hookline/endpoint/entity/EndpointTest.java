package io.hookline.endpoint.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class EndpointTest {

  @Test
  void thePreviousSecretSignsOnlyUntilTheOverlapEnds() {
    Endpoint endpoint =
        new Endpoint("app_1", "https://example.com", null, List.of(), "sealed-old", "k1");
    assertNull(endpoint.previousSecretCiphertextAt(OffsetDateTime.now()), "no rotation yet");

    OffsetDateTime until = OffsetDateTime.parse("2026-11-24T10:00:00Z");
    endpoint.rotateSecret("sealed-new", "k1", until);
    assertEquals("sealed-new", endpoint.getSecretCiphertext());
    assertEquals("sealed-old", endpoint.previousSecretCiphertextAt(until.minusSeconds(1)));
    assertNull(endpoint.previousSecretCiphertextAt(until));
    assertNull(endpoint.previousSecretCiphertextAt(until.plusHours(1)));
  }

  @Test
  void customHeadersKeepTheirOrderAndNoneMeansEmpty() {
    Endpoint endpoint = new Endpoint("app_1", "https://example.com", null, List.of(), "s", "k1");
    assertEquals(java.util.Map.of(), endpoint.getHeaders());
    var headers = new java.util.LinkedHashMap<String, String>();
    headers.put("X-Tenant", "acme");
    headers.put("Authorization", "Bearer \"quoted\"");
    endpoint.update("https://example.com", null, List.of(), headers, null);
    assertEquals(List.copyOf(headers.entrySet()), List.copyOf(endpoint.getHeaders().entrySet()));
    endpoint.update("https://example.com", null, List.of(), java.util.Map.of(), null);
    assertEquals(java.util.Map.of(), endpoint.getHeaders());
  }

  @Test
  void enablingClearsTheReasonAndDeletingDisables() {
    Endpoint endpoint = new Endpoint("app_1", "https://example.com", null, List.of(), "s", "k1");
    endpoint.disable("410 Gone");
    assertEquals("410 Gone", endpoint.getDisabledReason());
    endpoint.enable();
    assertNull(endpoint.getDisabledReason());
    endpoint.delete(OffsetDateTime.parse("2026-11-24T10:00:00Z"));
    assertEquals(false, endpoint.isEnabled());
    assertEquals(true, endpoint.isDeleted());
  }

  @Test
  void channelsKeepTheirOrderAndNoneMeansEmpty() {
    Endpoint endpoint = new Endpoint("app_1", "https://example.com", null, List.of(), "s", "k1");
    assertEquals(List.of(), endpoint.getChannels());
    endpoint.setChannels(List.of("project_1", "eu"));
    assertEquals(List.of("project_1", "eu"), endpoint.getChannels());
    endpoint.setChannels(List.of());
    assertEquals(List.of(), endpoint.getChannels());
    assertEquals(endpoint.getCreatedAt(), endpoint.getUpdatedAt());
  }
}
