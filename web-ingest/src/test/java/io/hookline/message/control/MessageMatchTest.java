package io.hookline.message.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MessageMatchTest {
  @Test
  void nothingAskedIsNoConditionAndNoParameter() {
    MessageMatch none = new MessageMatch(null, null, null);
    assertFalse(none.any());
    assertEquals("", none.jpql("m"));
    Map<String, Object> parameters = new LinkedHashMap<>();
    none.bind(parameters::put);
    assertEquals(Map.of(), parameters);
  }

  @Test
  void eachConditionNamesItsParameterOnTheAlias() {
    MessageMatch match = new MessageMatch(List.of("a.b", "c.d"), "eu_1", "vip%");
    assertTrue(match.any());
    assertEquals(
        " and m.eventType in :eventTypes and m.channels like :channel escape '!'"
            + " and m.tags like :tag escape '!'",
        match.jpql("m"));
    Map<String, Object> parameters = new LinkedHashMap<>();
    match.bind(parameters::put);
    assertEquals(List.of("a.b", "c.d"), parameters.get("eventTypes"));
    assertEquals("%\"eu!_1\"%", parameters.get("channel"), "_ is no wildcard");
    assertEquals("%\"vip!%\"%", parameters.get("tag"));
  }

  @Test
  void aTagAloneIsOneCondition() {
    MessageMatch tag = new MessageMatch(List.of(), null, "x");
    assertTrue(tag.any());
    assertEquals(" and msg.tags like :tag escape '!'", tag.jpql("msg"));
  }
}
