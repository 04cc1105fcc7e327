package io.hookline.delivery.entity;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

class DeliveryTest {
  static final OffsetDateTime T0 = OffsetDateTime.parse("2026-11-23T10:00:00Z");

  @Test
  void aManualTryIsTakenOnceTheTriesAfterItAreScheduled() {
    Delivery delivery = new Delivery("msg_1", "ep_1");
    assertFalse(delivery.takeManualTry(), "a new delivery's first try is the schedule's");
    delivery.manualTryRequested();
    assertTrue(delivery.isNextTryManual());
    assertTrue(delivery.takeManualTry());
    assertFalse(delivery.takeManualTry());
  }

  @Test
  void aRoundIsTriedOnceATryOfItFailedAndANewRoundIsNot() {
    Delivery delivery = new Delivery("msg_1", "ep_1");
    assertFalse(delivery.triedInRound());
    delivery.failed(T0, T0.plusSeconds(5));
    assertTrue(delivery.triedInRound());
    delivery.delivered(T0.plusSeconds(5));
    delivery.newRound(T0.plusMinutes(1));
    assertFalse(delivery.triedInRound(), "a resend's round has not been tried yet");
  }

  @Test
  void aDeliveryThatDiesLosesItsManualMark() {
    Delivery delivery = new Delivery("msg_1", "ep_1");
    delivery.manualTryRequested();
    // Dead without an attempt row (its outcome could not be recorded): nothing takes the mark.
    delivery.died(T0, "its outcome could not be recorded 3 times");
    assertFalse(delivery.isNextTryManual(), "no next try to carry it");
    delivery.newRound(T0.plusMinutes(1));
    assertFalse(delivery.takeManualTry(), "a later try is not a manual one unless asked for");
  }
}
