package io.hookline.inbound.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Which source types need the content replay window, and the window's arithmetic. */
class ReplayWindowTest {

  @Test
  void eachTypeSaysWhatItsCheckProves() {
    Map<String, Protection> withSecret = new TreeMap<>();
    for (String type : Verifiers.types()) {
      withSecret.put(type, Verifiers.of(type).protection(true));
    }
    Map<String, Protection> expected = new TreeMap<>();
    expected.put("api-key", Protection.SHARED_SECRET);
    expected.put("basic", Protection.SHARED_SECRET);
    expected.put("generic", Protection.SHARED_SECRET);
    expected.put("github", Protection.SIGNED_BODY);
    expected.put("gitlab", Protection.SHARED_SECRET);
    expected.put("hmac", Protection.SIGNED_BODY);
    expected.put("shopify", Protection.SIGNED_BODY);
    expected.put("slack", Protection.SIGNED_TIMESTAMP);
    expected.put("standard-webhooks", Protection.SIGNED_TIMESTAMP);
    expected.put("stripe", Protection.SIGNED_TIMESTAMP);
    assertEquals(expected, withSecret);
    assertEquals(Protection.NONE, Verifiers.of("generic").protection(false));
  }

  @Test
  void onlyTypesThatSignTheBodyButNotTheIdGetTheWindow() {
    ReplayWindow window = new ReplayWindow(Duration.ofDays(7));
    for (String type : Verifiers.types()) {
      boolean signsBodyOnly = Verifiers.of(type).protection(true) == Protection.SIGNED_BODY;
      assertEquals(signsBodyOnly, window.appliesTo(Verifiers.of(type).protection(true)), type);
    }
    assertTrue(window.appliesTo(Protection.SIGNED_BODY));
    assertFalse(window.appliesTo(Protection.SHARED_SECRET));
    assertFalse(window.appliesTo(Protection.NONE));
  }

  @Test
  void zeroTurnsItOffAndANegativeWindowIsRefused() {
    ReplayWindow off = new ReplayWindow(Duration.ZERO);
    for (Protection protection : Protection.values()) {
      assertFalse(off.appliesTo(protection), protection.name());
    }
    assertThrows(IllegalArgumentException.class, () -> new ReplayWindow(Duration.ofSeconds(-1)));
    assertThrows(IllegalArgumentException.class, () -> new ReplayWindow(null));
  }

  @Test
  void theWindowReachesBackItsLength() {
    OffsetDateTime now = OffsetDateTime.parse("2026-11-23T12:00:00Z");
    assertEquals(
        OffsetDateTime.parse("2026-11-16T12:00:00Z"),
        new ReplayWindow(Duration.ofDays(7)).since(now));
  }

  @Test
  void aBodysKeyIsPerSourceAndNeverADeliveryIdsKey() {
    String hash = "ab".repeat(32);
    assertNotEquals(ReplayWindow.key("src_a", hash), ReplayWindow.key("src_b", hash));
    // Ingest's delivery-id lock key is sourceId + "\n" + providerId; a hash-shaped provider id
    // ("sha256:<hex>", as ConfiguredIdentity makes) never collides with the body key.
    assertNotEquals("src_a\n" + "sha256:" + hash, ReplayWindow.key("src_a", hash));
    assertNotEquals("src_a\n" + hash, ReplayWindow.key("src_a", hash));
  }
}
