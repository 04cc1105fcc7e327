package io.hookline.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class UpsertTest {
  @Test
  void whatThePathNamesIsReplaced() {
    Upsert.Outcome<String> outcome =
        Upsert.byPath("old", "billing", "ep_", "endpoint", found -> found + "+new", uid -> "made");
    assertEquals("old+new", outcome.entity());
    assertFalse(outcome.created());
  }

  @Test
  void aUidNamingNothingIsCreatedWithThePathAsItsUid() {
    Upsert.Outcome<String> outcome =
        Upsert.byPath(null, "billing", "ep_", "endpoint", found -> "replaced", uid -> uid);
    assertEquals("billing", outcome.entity());
    assertTrue(outcome.created());
  }

  @Test
  void anIdNamingNothingIsA404() {
    Refusal refused =
        assertThrows(
            Refusal.class,
            () -> Upsert.byPath(null, "ep_0000", "ep_", "endpoint", f -> f, uid -> uid));
    assertEquals(Refusal.Kind.NOT_FOUND, refused.kind());
  }
}
