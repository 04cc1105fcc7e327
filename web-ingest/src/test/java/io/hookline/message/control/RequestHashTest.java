package io.hookline.message.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class RequestHashTest {

  @Test
  void sameRequestSameHash() {
    assertEquals(
        RequestHash.of("a.b", "e1", "{\"x\":1}"), RequestHash.of("a.b", "e1", "{\"x\":1}"));
    assertEquals(64, RequestHash.of("a.b", null, "{}").length());
  }

  @Test
  void anyDifferenceChangesIt() {
    String base = RequestHash.of("a.b", "e1", "{\"x\":1}");
    assertNotEquals(base, RequestHash.of("a.c", "e1", "{\"x\":1}"));
    assertNotEquals(base, RequestHash.of("a.b", "e2", "{\"x\":1}"));
    assertNotEquals(base, RequestHash.of("a.b", "e1", "{\"x\":2}"));
    assertNotEquals(base, RequestHash.of("a.b", null, "{\"x\":1}"));
    java.util.List<String> none = java.util.List.of();
    assertEquals(base, RequestHash.of("a.b", "e1", "{\"x\":1}", none, none));
    assertNotEquals(base, RequestHash.of("a.b", "e1", "{\"x\":1}", java.util.List.of("c"), none));
    assertNotEquals(base, RequestHash.of("a.b", "e1", "{\"x\":1}", none, java.util.List.of("c")));
    assertNotEquals(
        RequestHash.of("a.b", "e1", "{}", java.util.List.of("c"), none),
        RequestHash.of("a.b", "e1", "{}", none, java.util.List.of("c")));
  }

  @Test
  void fieldBoundariesCannotBeShifted() {
    assertNotEquals(RequestHash.of("ab", "c", "{}"), RequestHash.of("a", "bc", "{}"));
  }
}
