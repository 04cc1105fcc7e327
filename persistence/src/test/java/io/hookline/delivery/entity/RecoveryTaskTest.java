package io.hookline.delivery.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

class RecoveryTaskTest {
  static final OffsetDateTime T0 = OffsetDateTime.parse("2026-11-23T10:00:00Z");
  static final Duration BASE = Duration.ofSeconds(2);

  static RecoveryTask task() {
    return new RecoveryTask("app_1", "ep_1", T0.minusHours(1), T0, "key-hash", T0);
  }

  @Test
  void aNewTaskRunsFromTheStartWithAQtaskIdAndIsDueAtOnce() {
    RecoveryTask task = task();
    assertTrue(task.isRunning());
    assertEquals("", task.getAfterId());
    assertEquals(0, task.getRecovered());
    assertEquals(T0, task.getNextRunAt());
    assertEquals("key-hash", task.getRequestKey());
    assertEquals(500, task.nextBatchSize(500));
    assertTrue(task.getId().startsWith("qtask_"), task.getId());
  }

  @Test
  void fullBatchesMoveTheCursorAndAShortOneFinishes() {
    RecoveryTask task = task();
    task.batchDone(3, "dlv_3", 3, T0.plusSeconds(1));
    assertTrue(task.isRunning(), "a full batch may have more after it");
    assertEquals("dlv_3", task.getAfterId());
    assertEquals(T0.plusSeconds(1), task.getNextRunAt(), "the next batch is due at once");
    task.batchDone(2, "dlv_5", 3, T0.plusSeconds(2));
    assertEquals(RecoveryTask.Status.FINISHED, task.getStatus());
    assertEquals("dlv_5", task.getAfterId());
    assertEquals(5, task.getRecovered());
    assertEquals(T0.plusSeconds(2), task.getUpdatedAt());
  }

  @Test
  void anEmptyBatchFinishesWithoutMovingTheCursor() {
    RecoveryTask task = task();
    task.batchDone(3, "dlv_3", 3, T0);
    task.batchDone(0, null, 3, T0);
    assertEquals(RecoveryTask.Status.FINISHED, task.getStatus());
    assertEquals("dlv_3", task.getAfterId());
    assertEquals(3, task.getRecovered());
  }

  @Test
  void waitingPutsOffTheNextBatchWithoutCountingAsProgress() {
    RecoveryTask task = task();
    task.waitUntil(T0.plusSeconds(2));
    assertEquals(T0.plusSeconds(2), task.getNextRunAt());
    assertEquals(T0, task.getUpdatedAt());
    assertTrue(task.isRunning());
  }

  @Test
  void failedBatchesBackOffDoublingAndASuccessResetsTheCount() {
    RecoveryTask task = task();
    task.batchFailed("broker down", 500, BASE, T0);
    assertEquals(T0.plusSeconds(2), task.getNextRunAt());
    task.batchFailed("broker down", 500, BASE, T0);
    assertEquals(T0.plusSeconds(4), task.getNextRunAt());
    assertFalse(task.isRowByRow());
    task.batchDone(3, "dlv_3", 500, T0);
    assertEquals(0, task.getFailures());
    assertEquals(T0, task.getNextRunAt());
  }

  @Test
  void theBackoffDoublesUpToFiveMinutes() {
    assertEquals(Duration.ofSeconds(2), RecoveryTask.backoff(1, BASE));
    assertEquals(Duration.ofSeconds(16), RecoveryTask.backoff(4, BASE));
    assertEquals(Duration.ofMinutes(5), RecoveryTask.backoff(9, BASE));
    assertEquals(Duration.ofMinutes(5), RecoveryTask.backoff(1000, BASE));
    assertEquals(Duration.ofMinutes(5), RecoveryTask.backoff(1, Duration.ofHours(1)));
  }

  @Test
  void afterThreeFailedBatchesABatchsWorthOfRowsGoesOneByOne() {
    RecoveryTask task = task();
    for (int i = 0; i < RecoveryTask.ROW_BY_ROW_AFTER; i++) {
      assertEquals(3, task.nextBatchSize(3));
      task.batchFailed("no", 3, BASE, T0);
    }
    assertTrue(task.isRowByRow());
    assertEquals(1, task.nextBatchSize(3));
    task.batchDone(1, "dlv_1", 1, T0);
    task.batchDone(1, "dlv_2", 1, T0);
    assertEquals(1, task.nextBatchSize(3));
    task.batchDone(1, "dlv_3", 1, T0);
    assertEquals(3, task.nextBatchSize(3), "past the rows of the batch that failed");
    assertEquals(3, task.getRecovered());
    assertTrue(task.isRunning());
  }

  @Test
  void aRowThatFailsAloneIsPassedOverAndTheOneAfterItCounted() {
    RecoveryTask task = task();
    task.batchDone(3, "dlv_3", 3, T0);
    for (int i = 0; i < RecoveryTask.ROW_BY_ROW_AFTER; i++) {
      task.batchFailed("no", 3, BASE, T0);
    }
    task.skipped("dlv_5", T0.plusSeconds(9));
    assertEquals(1, task.getSkipped());
    assertEquals(4, task.getRecovered(), "dlv_5 was re-queued");
    assertEquals("dlv_5", task.getAfterId());
    assertEquals(0, task.getFailures());
    assertEquals(T0.plusSeconds(9), task.getNextRunAt());
    assertEquals(1, task.nextBatchSize(3), "the third row of the failed batch still goes alone");
    task.batchDone(1, "dlv_6", 1, T0);
    assertEquals(3, task.nextBatchSize(3));
  }

  @Test
  void tenFailuresInARowGiveUp() {
    RecoveryTask task = task();
    task.batchDone(3, "dlv_3", 3, T0);
    for (int i = 1; i < RecoveryTask.FAILURE_LIMIT; i++) {
      task.batchFailed("broker down", 3, BASE, T0);
    }
    assertTrue(task.isRunning());
    assertNull(task.getReason());
    task.batchFailed("broker down", 3, BASE, T0.plusMinutes(3));
    assertFalse(task.isRunning());
    assertEquals(RecoveryTask.Status.FAILED, task.getStatus());
    assertTrue(task.getReason().contains("broker down"), task.getReason());
    assertEquals(3, task.getRecovered(), "what was re-queued stays counted");
  }
}
