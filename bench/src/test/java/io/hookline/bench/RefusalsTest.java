package io.hookline.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RefusalsTest {
  private static final long NOW = 1_000_000;

  private static String classify(String refusal, String node, boolean nodeWasReady) {
    return Refusals.classify(
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
  void hooklinesOwn409IsExpectedAndAContainers500NeverIs() {
    assertEquals("409", classify("409", "node1", true));
    assertEquals("!not-hookline:500@node2", classify("not-hookline:500", "node2", false));
  }

  @Test
  void countsSplitExpectedFromForbiddenAndDescribeThem() {
    Refusals refusals = new Refusals((node, at) -> true);
    refusals.count(new HooklineClient.Sent(null, "503", "node1"), NOW);
    refusals.count(new HooklineClient.Sent(null, "503", "node2"), NOW);
    refusals.count(new HooklineClient.Sent(null, "500", "node2"), NOW);
    assertEquals(Map.of("503", 2L), refusals.expected());
    assertEquals(Map.of("500@node2", 1L), refusals.forbidden());
    assertEquals("503×2", Refusals.describe(refusals.expected()));
    assertEquals("-", Refusals.describe(Map.of()));
  }
}
