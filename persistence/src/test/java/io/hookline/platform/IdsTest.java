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
}
