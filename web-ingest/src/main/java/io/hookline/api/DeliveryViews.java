package io.hookline.api;

import static io.hookline.json.JsonFields.addNullable;

import io.hookline.delivery.entity.Delivery;
import io.hookline.json.JsonFields;
import io.hookline.json.Jsons;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/** Deliveries as every answer that lists them shows them. */
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
}
