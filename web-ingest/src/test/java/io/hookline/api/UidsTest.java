package io.hookline.api;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hookline.platform.Refusal;
import org.junit.jupiter.api.Test;

class UidsTest {
  @Test
  void aUidIsSvixsPatternAndNotShapedLikeAnId() {
    assertTrue(Uids.ENDPOINT.matcher("billing-v2_eu.1").matches());
    assertFalse(Uids.ENDPOINT.matcher("ep_billing").matches());
    assertTrue(Uids.ENDPOINT.matcher("app_billing").matches());
    assertFalse(Uids.APP.matcher("app_acme").matches());
    assertFalse(Uids.APP.matcher("acme corp").matches());
    assertFalse(Uids.APP.matcher("").matches());
  }

  @Test
  void aPathIsAnIdOrAValidUid() {
    assertDoesNotThrow(() -> Uids.checkPath("app_id", "app_0123", "app_", "an app", Uids.APP));
    assertDoesNotThrow(() -> Uids.checkPath("app_id", "acme", "app_", "an app", Uids.APP));
    Refusal refused =
        assertThrows(
            Refusal.class,
            () -> Uids.checkPath("endpoint_id", "no spaces", "ep_", "an endpoint", Uids.ENDPOINT));
    assertEquals("endpoint_id", refused.field());
    assertThrows(
        Refusal.class,
        () -> Uids.checkPath("app_id", "a".repeat(Uids.MAX + 1), "app_", "an app", Uids.APP));
  }

  @Test
  void anEmptyOrAbsentQueryTimeIsNoneAndABadOneNamesTheParameter() {
    assertEquals(null, Paging.queryTime("since", null));
    assertEquals(null, Paging.queryTime("since", ""));
    assertEquals(
        java.time.OffsetDateTime.parse("2026-11-23T10:00:00Z"),
        Paging.queryTime("since", "2026-11-23T10:00:00Z"));
    Refusal refused = assertThrows(Refusal.class, () -> Paging.queryTime("until", "yesterday"));
    assertEquals("until", refused.field());
    assertTrue(refused.getMessage().startsWith("until must be"), refused.getMessage());
  }
}
