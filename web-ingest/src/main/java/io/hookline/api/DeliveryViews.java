package io.hookline.api;

import static io.hookline.json.JsonFields.addNullable;

import io.hookline.delivery.entity.Delivery;
import io.hookline.delivery.entity.DeliveryAttempt;
import io.hookline.json.Jsons;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/** Deliveries and their tries as every answer that lists them shows them. */
public final class DeliveryViews {
  private DeliveryViews() {}

  /** One try, as every attempts listing shows it. */
  public static JsonObject attempt(DeliveryAttempt attempt) {
    JsonObjectBuilder json =
        Jsons.createObjectBuilder()
            .add("messageId", attempt.getMessageId())
            .add("endpointId", attempt.getEndpointId())
            .add("attempt", attempt.getAttempt())
            .add("status", attempt.getStatus().name().toLowerCase());
    addNullable(json, "responseStatus", attempt.getResponseStatus());
    // As Svix names it: the start of the answer, or "[base64] ..." for a binary one.
    if (attempt.getResponseBody() != null) {
      json.add("response", attempt.getResponseBody());
    }
    if (attempt.getError() != null) {
      json.add("error", attempt.getError());
    }
    return json.add("durationMs", attempt.getDurationMs())
        .add("timestamp", attempt.getCreatedAt().toString())
        .build();
  }

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
    return json.add("createdAt", delivery.getCreatedAt().toString()).build();
  }
}
