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
    public void attemptHoldingSlot(String deliveryId, int attempt) {
      tried.add(deliveryId + " holding a slot");
      failIfTold();
    }

    @Override
    public void attempt(String deliveryId, int attempt, boolean revived) {
      tried.add(deliveryId);
      failIfTold();
    }

    private void failIfTold() {
      if (tryFails != null) {
        if (callsFirst) {
          Deliverer.markRequestMade();
        }
        throw tryFails;
      }
    }

    /** Whether a failing try got as far as calling the subscriber. */
    boolean callsFirst = true;

    /** Ids whose batch try throws, and what each batch try did. */
    final java.util.Set<String> unrecordable = new java.util.HashSet<>();

    final List<String> tried = new ArrayList<>();
    final List<List<String>> requeued = new ArrayList<>();

    @Override
    public Turn attemptInBatch(
        String deliveryId, int attempt, java.util.Map<String, java.util.Map<String, String>> t) {
      tried.add(deliveryId);
      if (unrecordable.contains(deliveryId)) {
        Deliverer.markRequestMade();
        throw refusedInsert();
      }
      return new Turn(false, null);
    }

    @Override
    public void requeue(
        List<String> deliveryIds,
        int attempt,
        java.time.Duration wait,
        java.util.Map<String, java.util.Map<String, String>> t) {
      requeued.add(List.copyOf(deliveryIds));
    }

    @Override
    public boolean outcomeNotRecorded(String deliveryId, String cause, boolean revived) {
      counted.add(deliveryId + " " + cause);
      if (countFails != null) {
        throw countFails;
      }
      return countAnswers;
    }
  }

  /** Records the timeouts set, and what the deliverer had tried when each was set. */
  static class TimeoutRecorder implements jakarta.transaction.UserTransaction {
    final List<String> set = new ArrayList<>();
    FakeDeliverer deliverer;

    @Override
    public void setTransactionTimeout(int seconds) {
      set.add(seconds + " s after " + deliverer.tried);
    }

    @Override
    public void begin() {
      throw new AssertionError("DeliveryTurns begins no transaction itself");
    }

    @Override
    public void commit() {
      throw new AssertionError("no transaction begun");
    }

    @Override
    public void rollback() {
      throw new AssertionError("no transaction begun");
    }

    @Override
    public void setRollbackOnly() {
      throw new AssertionError("no transaction begun");
    }

    @Override
    public int getStatus() {
      return jakarta.transaction.Status.STATUS_NO_TRANSACTION;
    }
  }

  private final FakeDeliverer deliverer = new FakeDeliverer();

  /** Endpoints with no free slot, slots held now, and messages put back on the queue. */
  private final java.util.Set<String> busy = new java.util.HashSet<>();

  private final java.util.Set<String> held = new java.util.HashSet<>();
  private final List<String> putBack = new ArrayList<>();
  private final TimeoutRecorder transactions = new TimeoutRecorder();
  private final DeliveryTurns turns = new DeliveryTurns();

  {
    transactions.deliverer = deliverer;
    turns.transactions = transactions;
    turns.connectTimeout = java.time.Duration.ofSeconds(5);
    turns.deliveryTimeout = java.time.Duration.ofSeconds(15);
    turns.config = new NoConfig();
    turns.init();
    turns.deliverer = deliverer;
    turns.batchBudget = java.time.Duration.ofSeconds(60);
    turns.slots =
        new io.hookline.delivery.throttle.EndpointSlots() {
          @Override
          public boolean tryAcquire(String endpointId) {
            return !busy.contains(endpointId) && held.add(endpointId);
          }

          @Override
          public void release(String endpointId) {
            held.remove(endpointId);
          }

          @Override
          public java.time.Duration busyWait() {
            return java.time.Duration.ofSeconds(1);
          }
        };
    turns.queue =
        new DeliveryQueue() {
          @Override
          public void requeueBatch(
              List<String> deliveryIds,
              String endpointId,
              String messageId,
              int attempt,
              int busyRounds,
              java.time.Duration wait,
              java.util.Map<String, java.util.Map<String, String>> traces) {
            putBack.add(
                deliveryIds
                    + (messageId == null ? "" : " of " + messageId)
                    + " to "
                    + endpointId
                    + " round "
                    + busyRounds
                    + " in "
                    + wait);
          }
        };
    turns.metrics =
        new DeliveryMetrics() {
          @Override
          public void batched(String endpointId, int deliveries) {}
        };
  }

  private void batch(String... ids) {
    turns.attemptBatch("ep_1", List.of(ids), 1, 0, false, null);
  }

  @Test
  void theTriesTransactionsGetTheTrysTimeoutBeforeAnyIsBegun() {
    // 5 s lookup + 2 calls (one Fault Tolerance retry) of 5 + 15 + 1 s + 30 s margin.
    batch("a", "b");
    assertEquals(List.of("77 s after []"), transactions.set);
    turns.attempt("c", null, null, false, 1, 0, false);
    assertEquals(List.of("77 s after []", "77 s after [a, b]"), transactions.set);
  }

  @Test
  void retriesWithoutACountAreBoundedByTheConfiguredMaxDuration() {
    turns.config =
        new NoConfig() {
          @Override
          @SuppressWarnings("unchecked")
          public <T> java.util.Optional<T> getOptionalValue(String name, Class<T> type) {
            return switch (name) {
              case "Retry/maxRetries" -> java.util.Optional.of((T) Integer.valueOf(-1));
              case "Retry/maxDuration" -> java.util.Optional.of((T) Long.valueOf(60));
              case "Retry/durationUnit" -> java.util.Optional.of((T) "SECONDS");
              default -> java.util.Optional.empty();
            };
          }
        };
    turns.init();
    turns.attempt("c", null, null, false, 1, 0, false);
    // 5 s lookup + one call of 5 + 15 + 1 s + 30 s margin, and the 60 s of retries before it.
    assertEquals(List.of("116 s after []"), transactions.set);
  }

  @Test
  void eachTryOfABatchIsItsOwnTransactionAndAllAreTried() {
    batch("a", "b", "c");
    assertEquals(List.of("a", "b", "c"), deliverer.tried);
    assertEquals(List.of(), deliverer.requeued);
  }

  @Test
  void aBatchTryThatCannotBeRecordedGoesBackToTheBrokerWithTheEarlierTriesLeftMade() {
    deliverer.unrecordable.add("b");
    deliverer.countAnswers = false;
    assertThrows(RuntimeException.class, () -> batch("a", "b", "c"));
    assertEquals(List.of("a", "b"), deliverer.tried, "c waits for the split message");
    assertEquals(1, deliverer.counted.size(), "the failure is counted as a single one's is");
  }

  @Test
  void aBatchTryDeadAtTheLimitLetsTheBatchGoOn() {
    deliverer.unrecordable.add("b");
    deliverer.countAnswers = true;
    batch("a", "b", "c");
    assertEquals(List.of("a", "b", "c"), deliverer.tried);
  }

  static RuntimeException refusedInsert() {
    return new IllegalStateException(
        "transaction rolled back",
        new RuntimeException(
            "exception in EclipseLink",
            new java.sql.SQLException("ERROR: invalid byte sequence for encoding \"UTF8\": 0x00")));
  }

  @Test
  void aSingleDeliveryToABusyEndpointGoesBackAsItIsWaitingLongerEachRound() {
    busy.add("ep_slow");
    turns.attempt("dlv_1", "ep_slow", "msg_1", false, 1, 0, false);
    turns.attempt("dlv_1", "ep_slow", "msg_1", false, 1, 1, false);
    turns.attempt("dlv_1", "ep_slow", "msg_1", false, 1, 5, false);
    assertEquals(List.of(), deliverer.tried, "no row read, no transaction");
    assertEquals(
        List.of(
            "[dlv_1] of msg_1 to ep_slow round 1 in PT1S",
            "[dlv_1] of msg_1 to ep_slow round 2 in PT2S",
            "[dlv_1] of msg_1 to ep_slow round 6 in PT4S"),
        putBack);
  }

  @Test
  void aSingleDeliveryWithAFreeSlotIsTriedHoldingItAndReleasesIt() {
    turns.attempt("dlv_1", "ep_1", "msg_1", false, 1, 0, false);
    assertEquals(List.of("dlv_1 holding a slot"), deliverer.tried);
    assertEquals(java.util.Set.of(), held, "released after the try");
    assertEquals(List.of(), putBack);
  }

  @Test
  void anOrderedDeliveryOrARevivedOneWaitsItsTurnWithoutTakingASlotFirst() {
    busy.add("ep_1");
    turns.attempt("dlv_1", "ep_1", "msg_1", true, 1, 0, false);
    turns.attempt("dlv_2", "ep_1", "msg_2", false, 1, 0, true);
    assertEquals(List.of("dlv_1", "dlv_2"), deliverer.tried, "tried as before, in the row's turn");
    assertEquals(List.of(), putBack);
  }

  @Test
  void aSlotTryThatFailsReleasesTheSlotAndIsCountedAsASingleOnesIs() {
    deliverer.tryFails = refusedInsert();
    deliverer.countAnswers = false;
    assertThrows(
        RuntimeException.class, () -> turns.attempt("dlv_1", "ep_1", "msg_1", false, 1, 0, false));
    assertEquals(java.util.Set.of(), held, "released");
    assertEquals(1, deliverer.counted.size());
  }

  @Test
  void aTryThatWorksCountsNothing() {
    turns.attempt("dlv_1", null, null, false, 1, 0, false);
    assertEquals(List.of(), deliverer.counted);
  }

  @Test
  void aFailureUnderTheLimitIsCountedWithItsRootCauseAndGoesBackToTheBroker() {
    deliverer.tryFails = refusedInsert();
    deliverer.countAnswers = false;
    RuntimeException thrown =
        assertThrows(
            RuntimeException.class, () -> turns.attempt("dlv_1", null, null, false, 1, 0, false));
    assertSame(deliverer.tryFails, thrown);
    assertEquals(
        List.of("dlv_1 SQLException: ERROR: invalid byte sequence for encoding \"UTF8\": 0x00"),
        deliverer.counted);
  }

  @Test
  void aFailureAtTheLimitEndsTheMessage() {
    deliverer.tryFails = refusedInsert();
    deliverer.countAnswers = true;
    turns.attempt("dlv_1", null, null, false, 1, 0, false);
    assertEquals(1, deliverer.counted.size());
  }

  @Test
  void aFailureBeforeTheSubscriberWasCalledIsNotCounted() {
    deliverer.tryFails = new IllegalStateException("no connection from the pool in time");
    deliverer.callsFirst = false;
    deliverer.countAnswers = true;
    RuntimeException thrown =
        assertThrows(
            RuntimeException.class, () -> turns.attempt("dlv_1", null, null, false, 1, 0, false));
    assertSame(deliverer.tryFails, thrown);
    assertEquals(List.of(), deliverer.counted);
  }

  @Test
  void aDatabaseRefusalsDetailLinesStayOutOfTheReason() {
    RuntimeException refused =
        new RuntimeException(
            new java.sql.SQLException(
                "ERROR: new row violates check constraint\n  Detail: Failing row contains (secret)"));
    assertEquals(
        "SQLException: ERROR: new row violates check constraint", DeliveryTurns.rootCause(refused));
  }

  @Test
  void whenTheCountCannotBeWrittenEitherTheOriginalFailureGoesBack() {
    deliverer.tryFails = refusedInsert();
    deliverer.countFails = new IllegalStateException("database down");
    RuntimeException thrown =
        assertThrows(
            RuntimeException.class, () -> turns.attempt("dlv_1", null, null, false, 1, 0, false));
    assertSame(deliverer.tryFails, thrown);
    assertSame(deliverer.countFails, thrown.getSuppressed()[0]);
    assertTrue(deliverer.counted.size() == 1);
  }

  /** MicroProfile Config with nothing configured. */
  static class NoConfig implements org.eclipse.microprofile.config.Config {
    @Override
    public <T> T getValue(String name, Class<T> type) {
      throw new java.util.NoSuchElementException(name);
    }

    @Override
    public org.eclipse.microprofile.config.ConfigValue getConfigValue(String name) {
      throw new UnsupportedOperationException();
    }

    @Override
    public <T> java.util.Optional<T> getOptionalValue(String name, Class<T> type) {
      return java.util.Optional.empty();
    }

    @Override
    public Iterable<String> getPropertyNames() {
      return List.of();
    }

    @Override
    public Iterable<org.eclipse.microprofile.config.spi.ConfigSource> getConfigSources() {
      return List.of();
    }

    @Override
    public <T> java.util.Optional<org.eclipse.microprofile.config.spi.Converter<T>> getConverter(
        Class<T> forType) {
      return java.util.Optional.empty();
    }

    @Override
    public <T> T unwrap(Class<T> type) {
      throw new IllegalArgumentException(type.getName());
    }
  }
}
