package io.hookline.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hookline.delivery.entity.RecoveryTask;
import jakarta.json.JsonObject;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

class DeliveryViewsTest {
  static final OffsetDateTime T0 = OffsetDateTime.parse("2026-11-23T10:00:00Z");

  @Test
  void aRecoveryIsSvixsRecoverOutWhileItRunsAndWhenItIsOver() {
    RecoveryTask task = new RecoveryTask("app_1", "ep_1", T0.minusHours(1), T0, null, T0);
    task.batchDone(3, "dlv_3", 3, T0.plusSeconds(1));
    JsonObject running = DeliveryViews.recovery(task);
    assertEquals(task.getId(), running.getString("id"));
    assertEquals("running", running.getString("status"));
    assertEquals("endpoint.recover", running.getString("task"));
    assertEquals("2026-11-23T10:00:01Z", running.getString("updatedAt"));
    assertEquals(3, running.getInt("recovered"));
    assertTrue(running.getBoolean("more"), "it goes on");

    task.batchDone(1, "dlv_4", 3, T0.plusSeconds(2));
    JsonObject finished = DeliveryViews.backgroundTask(task);
    assertEquals("finished", finished.getString("status"));
    assertEquals(4, finished.getJsonObject("data").getInt("messagesSent"));
    assertEquals(0, finished.getJsonObject("data").getInt("messagesSkipped"));
    assertFalse(DeliveryViews.recovery(task).getBoolean("more"));
    assertFalse(finished.getJsonObject("data").containsKey("error"));
  }

  @Test
  void aFailedRecoverySaysWhyInItsData() {
    RecoveryTask task = new RecoveryTask("app_1", "ep_1", T0.minusHours(1), T0, null, T0);
    task.stop("endpoint disabled: by the API", T0);
    JsonObject failed = DeliveryViews.backgroundTask(task);
    assertEquals("failed", failed.getString("status"));
    assertEquals("endpoint disabled: by the API", failed.getJsonObject("data").getString("error"));
  }
}
