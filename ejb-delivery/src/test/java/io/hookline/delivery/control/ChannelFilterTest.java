package io.hookline.delivery.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChannelFilterTest {
  @Test
  void anEndpointWithoutChannelsGetsEverything() {
    assertTrue(ChannelFilter.accepts(List.of(), List.of()));
    assertTrue(ChannelFilter.accepts(List.of(), List.of("project_1")));
    assertTrue(ChannelFilter.accepts(null, List.of("project_1")));
  }

  @Test
  void anEndpointWithChannelsGetsOnlyMessagesSharingOne() {
    assertTrue(ChannelFilter.accepts(List.of("a", "b"), List.of("c", "b")));
    assertFalse(ChannelFilter.accepts(List.of("a", "b"), List.of("c")));
    assertFalse(ChannelFilter.accepts(List.of("a"), List.of()), "a message without channels");
    assertFalse(ChannelFilter.accepts(List.of("a"), List.of("A")), "channels are case-sensitive");
  }
}
