package io.hookline.it;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@link BreakerIT} with two nodes delivering: the breaker is a row, so both wait and one probes.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@org.junit.jupiter.api.extension.ExtendWith(TwoNodes.Running.class)
class BreakerOnTwoNodesIT extends BreakerIT {
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
