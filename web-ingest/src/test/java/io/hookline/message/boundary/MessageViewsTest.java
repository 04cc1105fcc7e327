package io.hookline.message.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.hookline.platform.Refusal;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageViewsTest {
  @Test
  void eventTypesComeRepeatedOrCommaSeparated() {
    assertEquals(List.of("a.b", "c.d", "e"), MessageViews.eventTypes(List.of("a.b,c.d", "e")));
    assertEquals(List.of(), MessageViews.eventTypes(null));
    assertThrows(Refusal.class, () -> MessageViews.eventTypes(List.of("a b")));
  }

  @Test
  void statusesAreSvixs() {
    assertEquals(0, MessageViews.statusQuery("0"));
    assertEquals(3, MessageViews.statusQuery("3"));
    assertNull(MessageViews.statusQuery(null));
    assertThrows(Refusal.class, () -> MessageViews.statusQuery("4"));
    assertThrows(Refusal.class, () -> MessageViews.statusQuery("success"));
  }

  @Test
  void instantsAreRfc3339() {
    assertEquals(
        OffsetDateTime.parse("2026-11-23T10:00:00.123456Z"),
        MessageViews.instant("before", "2026-11-23T10:00:00.123456Z"));
    assertNull(MessageViews.instant("after", ""));
    assertThrows(Refusal.class, () -> MessageViews.instant("after", "yesterday"));
  }
}
