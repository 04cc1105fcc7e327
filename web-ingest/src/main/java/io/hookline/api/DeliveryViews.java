package io.hookline.api;

import static io.hookline.json.JsonFields.addNullable;

import io.hookline.delivery.entity.Delivery;
import io.hookline.delivery.entity.RecoveryTask;
import io.hookline.json.JsonFields;
import io.hookline.json.Jsons;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/** Deliveries, and recoveries of them, as every answer that shows them shows them. */
public final class DeliveryViews {
  private DeliveryViews() {}

  /** A delivery with its state: a dead letter, or the answer to a resend. */
  public static JsonObject delivery(Delivery delivery) {
    JsonObjectBuilder json =
        Jsons.createObjectBuilder()
            .add("deliveryId", delivery.getId())
            .add("messageId", delivery.getMessageId())
            .add("endpointId", delivery.getEndpointId())
            .add("status", delivery.getStatus().name().toLowerCase())
            .add("attempts", delivery.getAttemptCount());
    addNullable(json, "reason", delivery.getDeadReason());
    addNullable(json, "lastAttemptAt", delivery.getLastAttemptAt());
    return json.add("createdAt", JsonFields.rfc3339(delivery.getCreatedAt())).build();
  }

  /**
   * A recovery as Svix's RecoverOut ({@code id, status, task, updatedAt}), with Hookline's {@code
   * recovered}, how many deliveries it has re-queued so far, and {@code more}, whether it is still
   * running (it goes on by itself; asking again while it runs answers this same task).
   */
  public static JsonObject recovery(RecoveryTask task) {
    return common(task).add("recovered", task.getRecovered()).add("more", task.isRunning()).build();
  }

  /**
   * A recovery as Svix's BackgroundTaskOut: RecoverOut's fields and {@code data}, holding {@code
   * messagesSent} (as Svix's finished recoveries do), Hookline's {@code messagesSkipped}
   * (deliveries passed over because each failed to be re-queued on its own) and, for a failed one,
   * Hookline's {@code error}.
   */
  public static JsonObject backgroundTask(RecoveryTask task) {
    JsonObjectBuilder data =
        Jsons.createObjectBuilder()
            .add("messagesSent", task.getRecovered())
            .add("messagesSkipped", task.getSkipped());
    if (task.getReason() != null) {
      data.add("error", task.getReason());
    }
    return common(task).add("data", data).build();
  }

  private static JsonObjectBuilder common(RecoveryTask task) {
    return Jsons.createObjectBuilder()
        .add("id", task.getId())
        .add("status", task.getStatus().name().toLowerCase())
        .add("task", "endpoint.recover")
        .add("updatedAt", JsonFields.rfc3339(task.getUpdatedAt()));
  }
}
