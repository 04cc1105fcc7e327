package io.hookline.portal.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class FrameAncestorsTest {
  @Test
  void originsSelfAndNoneAreKeptInOrder() {
    assertEquals(List.of("'self'"), FrameAncestors.parse(null, false));
    assertEquals(List.of("'self'"), FrameAncestors.parse("  ", false));
    assertEquals(
        List.of("https://app.example.com", "https://*.example.org:8443", "'self'"),
        FrameAncestors.parse("https://app.example.com/, https://*.example.org:8443 'self'", false));
    assertEquals(List.of("'none'"), FrameAncestors.parse("'none'", false));
    assertEquals(
        List.of("https://*.app.example.co.uk"),
        FrameAncestors.parse("https://*.app.example.co.uk", false));
  }

  @Test
  void anythingElseIsRefused() {
    for (String wrong :
        List.of(
            "*",
            "app.example.com",
            "https://app.example.com/path",
            "https://a.example.com; script-src *",
            "javascript:alert(1)",
            "'unsafe-inline'",
            "'none' https://a.example.com",
            "https://*.com",
            "https://*.localhost:8443",
            "https://*",
            "https://*.*.example.com")) {
      assertThrows(IllegalArgumentException.class, () -> FrameAncestors.parse(wrong, true), wrong);
    }
  }

  @Test
  void plainHttpOriginsOnlyInDevMode() {
    for (String http :
        List.of("http://app.example.com", "http://*.example.com", "http://localhost:3000")) {
      assertThrows(IllegalArgumentException.class, () -> FrameAncestors.parse(http, false), http);
      assertEquals(List.of(http), FrameAncestors.parse(http, true));
    }
  }

  @Test
  void thePolicyLoadsOnlyTheOwnFiles() {
    String policy = FrameAncestors.policy(List.of("https://app.example.com"));
    assertTrue(policy.endsWith("frame-ancestors https://app.example.com"), policy);
    assertTrue(policy.contains("script-src 'self';"), policy);
    assertTrue(policy.contains("default-src 'none';"), policy);
  }
}
