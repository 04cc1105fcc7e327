package io.hookline.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class EventTypesTest {
  @Test
  void providerNamesBecomeDottedWords() {
    assertEquals("shopify.orders.create", EventTypes.of(null, "shopify.orders/create"));
    assertEquals("gitlab.Push_Hook", EventTypes.of(null, "gitlab.Push Hook"));
    assertEquals("in.github.push", EventTypes.of("in", "github.push"));
    assertEquals("event", EventTypes.of(null, "///"));
    assertEquals("a.b", EventTypes.of(null, ".a..b."));
  }
}
