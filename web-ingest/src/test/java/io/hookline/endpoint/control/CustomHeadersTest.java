package io.hookline.endpoint.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CustomHeadersTest {

  @Test
  void ordinaryHeadersPass() {
    assertNull(
        CustomHeaders.problemWith(
            Map.of("X-Tenant", "acme", "Authorization", "Bearer abc", "User-Agent", "ours")));
    assertNull(CustomHeaders.problemWith(Map.of()));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Host",
        "content-type",
        "Content-Length",
        "webhook-id",
        "Webhook-Signature",
        "svix-id",
        "Svix-Signature",
        "SVIX-TIMESTAMP",
        "Transfer-Encoding",
        "Connection",
        "bad name",
        "bad:name",
        ""
      })
  void reservedOrInvalidNamesAreRefused(String name) {
    assertNotNull(CustomHeaders.problemWith(Map.of(name, "v")), name);
  }

  @ParameterizedTest
  @ValueSource(strings = {"a\r\nInjected: yes", "line\nbreak", "nul\u0000", "del\u007f"})
  void valuesWithControlCharactersAreRefused(String value) {
    assertNotNull(CustomHeaders.problemWith(Map.of("X-Ok", value)));
  }

  @Test
  void tooManyOrTooLongAreRefused() {
    Map<String, String> many = new HashMap<>();
    for (int i = 0; i <= CustomHeaders.MAX_HEADERS; i++) {
      many.put("X-H" + i, "v");
    }
    assertNotNull(CustomHeaders.problemWith(many));
    assertNotNull(CustomHeaders.problemWith(Map.of("X-Long", "v".repeat(4097))));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Authorization",
        "proxy-authorization",
        "Cookie",
        "X-Api-Key",
        "X-Auth-Token",
        "X-Client-Secret",
        "X-Access-Token",
        "X-PASSWORD",
        "X-Upstream-Signature",
        "Set-Cookie",
        "X-Apikey"
      })
  void credentialNamesAreSensitive(String name) {
    assertTrue(CustomHeaders.sensitive(name), name);
  }

  @ParameterizedTest
  @ValueSource(strings = {"X-Team", "User-Agent", "X-Tenant", "Accept"})
  void otherNamesAreShown(String name) {
    assertFalse(CustomHeaders.sensitive(name), name);
  }
}
