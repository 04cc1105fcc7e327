package io.hookline.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@link BreakerIT} with two nodes delivering: the breaker is a row, so both wait and one probes.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BreakerOnTwoNodesIT extends BreakerIT {
  @BeforeAll
  static void startSecondNode() {
    TwoNodes.start();
  }

  @AfterAll
  static void stopSecondNode() {
    TestStack.stopSecondNode();
  }

  /** More than one node's worth, so that both nodes take part. */
  @Override
  int messageCount() {
    return 20;
  }

  @Test
  @Order(Integer.MAX_VALUE)
  void theSecondNodeDeliveredToo() {
    TwoNodes.assertTheSecondNodeDelivered();
  }
}
