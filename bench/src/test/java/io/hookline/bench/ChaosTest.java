package io.hookline.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChaosTest {
  private static final long NOW = 1_000_000;

  private static String classify(String refusal, String node, boolean nodeWasReady) {
    return Chaos.classify(
        (name, at) -> nodeWasReady && name.equals(node) && at == NOW,
        new HooklineClient.Sent(null, refusal, node),
        NOW);
  }

  @Test
  void hooklinesOwn503AndTheBalancersAnswersAreExpected() {
    assertEquals("503", classify("503", "node1", true));
    assertEquals("balancer:503", classify("not-hookline:503", null, false));
    assertEquals("balancer:502", classify("not-hookline:502", null, false));
    assertEquals(
        "no-answer:NoHttpResponseException",
        classify("no-answer:NoHttpResponseException", null, false));
  }

  @Test
  void theContainersAnswerIsExpectedOnlyFromANodeNotYetReady() {
    assertEquals("starting:404", classify("not-hookline:404", "node2", false));
    assertEquals("!not-hookline:404@node2", classify("not-hookline:404", "node2", true));
  }

  @Test
  void anyOtherAnswerOfANodeFailsTheStep() {
    assertEquals("!500@node1", classify("500", "node1", true));
    assertEquals("!500@node1", classify("500", "node1", false), "a 500 is a bug, ready or not");
    assertEquals("!422@node3", classify("422", "node3", true));
  }

  @Test
  void theLongestGapIsBetweenNeighboursInTimeWhateverTheOrderGiven() {
    assertEquals(Duration.ofNanos(60), Chaos.longestGap(List.of(100L, 10L, 40L, 150L)));
    assertEquals(Duration.ZERO, Chaos.longestGap(List.of(7L)));
  }

  @Test
  void p99IsTheValueBelowWhichNinetyNinePercentFall() {
    List<Long> nanos = new java.util.ArrayList<>();
    for (long i = 1; i <= 100; i++) {
      nanos.add(i * 1_000_000);
    }
    assertEquals(99.0, Chaos.p99Millis(nanos));
    assertEquals(0.0, Chaos.p99Millis(List.of()));
  }
}
