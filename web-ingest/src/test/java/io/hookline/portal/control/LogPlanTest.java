package io.hookline.portal.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hookline.portal.control.LogPlan.Way;
import org.junit.jupiter.api.Test;

class LogPlanTest {
  @Test
  void withoutADeliveryFilterTheMessagesIndexAnswers() {
    assertEquals(Way.MESSAGES, LogPlan.way(false, false, false, 0));
    assertEquals(Way.MESSAGES, LogPlan.way(true, false, false, 10_000));
  }

  @Test
  void anEndpointOrAStatusReadsDeliveriesByTheirIndex() {
    assertEquals(Way.DELIVERIES, LogPlan.way(false, true, true, 0));
    // One endpoint, every status: three pairs.
    assertEquals(Way.DELIVERIES, LogPlan.way(false, false, true, 0));
    // A status over every endpoint of the app, while they are few.
    assertEquals(Way.DELIVERIES, LogPlan.way(false, true, false, 4));
    assertEquals(Way.DELIVERIES, LogPlan.way(false, true, false, LogPlan.MAX_PAIRS));
  }

  @Test
  void whatNoIndexAnswersLooksAtABoundedNumberOfMessages() {
    assertEquals(Way.SCAN, LogPlan.way(false, true, false, LogPlan.MAX_PAIRS + 1));
    assertEquals(Way.SCAN, LogPlan.way(false, true, false, 1000));
    assertEquals(Way.SCAN, LogPlan.way(true, true, false, 1));
    assertEquals(Way.SCAN, LogPlan.way(true, false, true, 0));
    assertEquals(Way.SCAN, LogPlan.way(true, true, true, 0));
  }
}
