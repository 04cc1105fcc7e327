package io.hookline.delivery.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeliveryTurnsTest {

  /** A Deliverer whose try fails as told and whose count answers as told. */
  static class FakeDeliverer extends Deliverer {
    RuntimeException tryFails;
    Boolean countAnswers;
    RuntimeException countFails;
    final List<String> counted = new ArrayList<>();

    @Override
    public void attempt(String deliveryId, int attempt, boolean revived) {
      if (tryFails != null) {
        throw tryFails;
      }
    }

    @Override
    public boolean outcomeNotRecorded(String deliveryId, String cause) {
      counted.add(deliveryId + " " + cause);
      if (countFails != null) {
        throw countFails;
      }
      return countAnswers;
    }
  }

  private final FakeDeliverer deliverer = new FakeDeliverer();
  private final DeliveryTurns turns = new DeliveryTurns();

  {
    turns.deliverer = deliverer;
  }

  private static RuntimeException refusedInsert() {
    return new IllegalStateException(
        "transaction rolled back",
        new RuntimeException(
            "exception in EclipseLink",
            new java.sql.SQLException("ERROR: invalid byte sequence for encoding \"UTF8\": 0x00")));
  }

  @Test
  void aTryThatWorksCountsNothing() {
    turns.attempt("dlv_1", 1, false);
    assertEquals(List.of(), deliverer.counted);
  }

  @Test
  void aFailureUnderTheLimitIsCountedWithItsRootCauseAndGoesBackToTheBroker() {
    deliverer.tryFails = refusedInsert();
    deliverer.countAnswers = false;
    RuntimeException thrown =
        assertThrows(RuntimeException.class, () -> turns.attempt("dlv_1", 1, false));
    assertSame(deliverer.tryFails, thrown);
    assertEquals(
        List.of("dlv_1 SQLException: ERROR: invalid byte sequence for encoding \"UTF8\": 0x00"),
        deliverer.counted);
  }

  @Test
  void aFailureAtTheLimitEndsTheMessage() {
    deliverer.tryFails = refusedInsert();
    deliverer.countAnswers = true;
    turns.attempt("dlv_1", 1, false);
    assertEquals(1, deliverer.counted.size());
  }

  @Test
  void whenTheCountCannotBeWrittenEitherTheOriginalFailureGoesBack() {
    deliverer.tryFails = refusedInsert();
    deliverer.countFails = new IllegalStateException("database down");
    RuntimeException thrown =
        assertThrows(RuntimeException.class, () -> turns.attempt("dlv_1", 1, false));
    assertSame(deliverer.tryFails, thrown);
    assertSame(deliverer.countFails, thrown.getSuppressed()[0]);
    assertTrue(deliverer.counted.size() == 1);
  }
}
