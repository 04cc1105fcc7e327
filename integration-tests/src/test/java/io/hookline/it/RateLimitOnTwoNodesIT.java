package io.hookline.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** {@link RateLimitIT} with two nodes delivering: the bucket is a row, so the rate holds. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RateLimitOnTwoNodesIT extends RateLimitIT {
  @BeforeAll
  static void startSecondNode() {
    TwoNodes.start();
  }

  @AfterAll
  static void stopSecondNode() {
    TestStack.stopSecondNode();
  }

  @Test
  @Order(Integer.MAX_VALUE)
  void theSecondNodeDeliveredToo() {
    TwoNodes.assertTheSecondNodeDelivered();
  }
}
