package io.hookline.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class IdsTest {

  @Test
  void idHasPrefixAndTwentySixBase32Characters() {
    String id = Ids.newId("msg");
    assertTrue(id.matches("msg_[0-9A-HJKMNP-TV-Z]{26}"), id);
  }

  @Test
  void laterIdsSortAfterEarlierOnes() {
    String earlier = Ids.newId("msg", 1_700_000_000_000L);
    String later = Ids.newId("msg", 1_700_000_000_001L);
    assertTrue(earlier.compareTo(later) < 0, earlier + " vs " + later);
  }

  @Test
  void timePartEncodesTheMilliseconds() {
    assertEquals("msg_0000000001", Ids.newId("msg", 1L).substring(0, 14));
  }

  @Test
  void idsMadeInTheSameMillisecondDiffer() {
    assertNotEquals(Ids.newId("ep", 5L), Ids.newId("ep", 5L));
  }

  @Test
  void aTimeBoundSortsBetweenIdsOfEarlierAndLaterMilliseconds() {
    long at = 1_795_000_000_123L;
    String bound = Ids.timeBound("msg", at);
    assertEquals("msg_".length() + 10, bound.length());
    for (int i = 0; i < 100; i++) {
      assertTrue(Ids.newId("msg", at - 1).compareTo(bound) < 0);
      assertTrue(Ids.newId("msg", at).compareTo(bound) > 0);
      assertTrue(Ids.newId("msg", at + 1).compareTo(Ids.timeBound("msg", at + 1)) > 0);
      assertTrue(Ids.newId("msg", at).compareTo(Ids.timeBound("msg", at + 1)) < 0);
    }
  }
}
