package io.hookline.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * For the tests that run a scenario again with a second Payara Micro node consuming from the same
 * queue: the node's own /metrics shows that it delivered a share.
 */
final class TwoNodes {
  private TwoNodes() {}

  /**
   * Starts the second node and waits until its delivery consumers are on the queue: its API answers
   * a little before its message-driven beans are connected.
   */
  static void start() {
    TestStack.microDatabase();
    long before = BrokerProbe.consumerCount("hookline.deliveries");
    TestStack.secondNode();
    Eventually.await(
        "the second node's consumers on hookline.deliveries",
        java.time.Duration.ofSeconds(60),
        () -> BrokerProbe.consumerCount("hookline.deliveries"),
        n -> n >= 2 * before);
  }

  static Api secondNodeApi() {
    return new Api(TestStack.secondNode().settings().baseUrl(), TestStack.ADMIN_TOKEN);
  }

  /** The second node counted at least one try of its own, so the scenario really ran on two. */
  static void assertTheSecondNodeDelivered() {
    String scrape = secondNodeApi().send("GET", "/metrics", null, null, null).body();
    assertTrue(
        scrape
            .lines()
            .anyMatch(
                line ->
                    line.startsWith("webhook_deliveries_total{")
                        && !line.endsWith(" 0.0")
                        && !line.endsWith(" 0")),
        "the second node made no delivery try:\n" + scrape);
  }

  /**
   * For a test class that runs with the second node: started before its tests, stopped after them,
   * so other classes see one node.
   */
  static final class Running
      implements org.junit.jupiter.api.extension.BeforeAllCallback,
          org.junit.jupiter.api.extension.AfterAllCallback {
    @Override
    public void beforeAll(org.junit.jupiter.api.extension.ExtensionContext context) {
      start();
    }

    @Override
    public void afterAll(org.junit.jupiter.api.extension.ExtensionContext context) {
      TestStack.stopSecondNode();
    }
  }
}
