package io.hookline.it;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** {@link RateLimitIT} with two nodes delivering: the bucket is a row, so the rate holds. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@org.junit.jupiter.api.extension.ExtendWith(TwoNodes.Running.class)
class RateLimitOnTwoNodesIT extends RateLimitIT {
  @Test
  @Order(Integer.MAX_VALUE)
  void theSecondNodeDeliveredToo() {
    TwoNodes.assertTheSecondNodeDelivered();
  }
}
