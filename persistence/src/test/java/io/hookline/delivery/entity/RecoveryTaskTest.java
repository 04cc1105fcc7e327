package io.hookline.delivery.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

class RecoveryTaskTest {
  static final OffsetDateTime T0 = OffsetDateTime.parse("2026-11-23T10:00:00Z");

  static RecoveryTask task() {
    return new RecoveryTask("app_1", "ep_1", T0.minusHours(1), T0, T0);
  }

  @Test
  void aNewTaskRunsFromTheStartWithAQtaskId() {
    RecoveryTask task = task();
    assertTrue(task.isRunning());
    assertEquals("", task.getAfterId());
    assertEquals(0, task.getRecovered());
    assertTrue(task.getId().startsWith("qtask_"), task.getId());
  }

  @Test
  void fullBatchesMoveTheCursorAndAShortOneFinishes() {
    RecoveryTask task = task();
    task.batchDone(3, "dlv_3", 3, T0.plusSeconds(1));
    assertTrue(task.isRunning(), "a full batch may have more after it");
    assertEquals("dlv_3", task.getAfterId());
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
  void failedBatchesInARowGiveUpAtTheLimitAndASuccessResetsTheCount() {
    RecoveryTask task = task();
    task.batchFailed("broker down", 3, T0);
    task.batchFailed("broker down", 3, T0);
    task.batchDone(3, "dlv_3", 3, T0);
    assertEquals(0, task.getFailures());
    task.batchFailed("broker down", 3, T0);
    task.batchFailed("broker down", 3, T0);
    assertTrue(task.isRunning());
    assertNull(task.getReason());
    task.batchFailed("broker down", 3, T0.plusMinutes(3));
    assertFalse(task.isRunning());
    assertEquals(RecoveryTask.Status.FAILED, task.getStatus());
    assertTrue(task.getReason().contains("broker down"), task.getReason());
    assertEquals(3, task.getRecovered(), "what was re-queued stays counted");
  }
}
