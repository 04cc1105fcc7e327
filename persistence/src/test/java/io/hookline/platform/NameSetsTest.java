package io.hookline.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class NameSetsTest {
  @Test
  void storesAndReadsBack() {
    assertNull(NameSets.store(null));
    assertNull(NameSets.store(List.of()));
    assertEquals("[\"a\",\"b_c\"]", NameSets.store(List.of("a", "b_c", "a")));
    assertEquals(List.of("a", "b_c"), NameSets.read("[\"a\",\"b_c\"]"));
    assertEquals(List.of(), NameSets.read(null));
    assertEquals(List.of(), NameSets.read("[]"));
  }

  @Test
  void likePatternMatchesOnlyTheWholeName() {
    String pattern = NameSets.containing("p_1");
    assertEquals("%\"p!_1\"%", pattern);
    String stored = NameSets.store(List.of("xp_1", "p_1x"));
    assertFalse(like(stored, "p_1"), "neither is p_1");
    assertFalse(like(NameSets.store(List.of("pX1")), "p_1"), "_ is no wildcard");
    assertTrue(like(NameSets.store(List.of("a", "p_1")), "p_1"));
  }

  /** What {@code like} with the pattern does, for names without quotes. */
  private static boolean like(String stored, String name) {
    return stored.contains("\"" + name + "\"");
  }

  @Test
  void namesFollowSvixRules() {
    assertTrue(NameSets.CHANNEL.matcher("project_1337").matches());
    assertFalse(NameSets.CHANNEL.matcher("a b").matches());
    assertFalse(NameSets.CHANNEL.matcher("x".repeat(129)).matches());
    assertTrue(NameSets.TAG.matcher("team/billing").matches());
  }
}
