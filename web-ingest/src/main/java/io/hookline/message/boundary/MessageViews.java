package io.hookline.message.boundary;

import io.hookline.delivery.entity.Delivery;
import io.hookline.delivery.entity.DeliveryAttempt;
import io.hookline.delivery.entity.DeliveryStatus;
import io.hookline.endpoint.entity.Endpoint;
import io.hookline.json.JsonFields;
import io.hookline.json.Jsons;
import io.hookline.message.control.Attempts;
import io.hookline.message.entity.Message;
import io.hookline.platform.Refusal;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Messages, attempts and destinations as Svix's MessageOut, MessageAttemptOut and
 * MessageEndpointOut, and the query parameters their lists share.
 */
final class MessageViews {
  private MessageViews() {}

  /** Svix's MessageStatus: 0 success, 1 pending, 2 fail, 3 sending, 4 canceled. */
  static final int SUCCESS = 0;

  static final int PENDING = 1;
  static final int FAIL = 2;
  static final int SENDING = 3;

  /** Svix's; Hookline cancels nothing, so only a filter names it. */
  static final int CANCELED = 4;

  static final List<String> STATUS_TEXT = List.of("success", "pending", "fail", "sending");

  /** What a message whose payload's retention period is over shows as its payload, as Svix. */
  static final JsonObject EXPIRED = Jsons.createObjectBuilder().add("expired", true).build();

  /**
   * MessageOut; without content its payload is an empty object, and once its retention period is
   * over {@link #EXPIRED}.
   */
  static JsonObject message(Message message, boolean withContent) {
    JsonObjectBuilder json =
        Jsons.createObjectBuilder()
            .add("id", message.getId())
            .add("eventType", message.getEventType());
    JsonFields.addNullable(json, "eventId", message.getEventId());
    return json.add(
            "payload",
            !withContent
                ? Jsons.createObjectBuilder().build()
                : message.getPayload() == null ? EXPIRED : JsonFields.stored(message.getPayload()))
        .add("channels", names(message.getChannels()))
        .add("tags", names(message.getTags()))
        .add("timestamp", JsonFields.rfc3339(message.getCreatedAt()))
        .build();
  }

  /**
   * MessageAttemptOut, with Hookline's try number and error as extras; with {@code withMessage} and
   * the attempt's message, Svix's {@code msg} (without its payload, as Svix shows it).
   */
  static JsonObject attempt(Attempts.Attempt attempt, boolean withContent, boolean withMessage) {
    DeliveryAttempt row = attempt.row();
    int status = row.getStatus() == DeliveryAttempt.Outcome.SUCCEEDED ? SUCCESS : FAIL;
    String response = row.getResponseBody() == null ? "" : row.getResponseBody();
    JsonObjectBuilder json =
        Jsons.createObjectBuilder()
            .add("id", attempt.id())
            .add("msgId", row.getMessageId())
            .add("endpointId", row.getEndpointId())
            .add("url", attempt.url() == null ? "" : attempt.url())
            // Svix answers "{}" for a response left out.
            .add("response", withContent ? response : "{}")
            // 0 when no HTTP answer came (a timeout, a refused connection), as Svix shows it.
            .add(
                "responseStatusCode", row.getResponseStatus() == null ? 0 : row.getResponseStatus())
            .add("responseDurationMs", row.getDurationMs())
            .add("status", status)
            .add("statusText", STATUS_TEXT.get(status))
            // 1 for a try asked for by hand (a resend, a recovery), as recorded when it was made.
            .add("triggerType", row.isManual() ? 1 : 0)
            .add("timestamp", JsonFields.rfc3339(row.getCreatedAt()))
            .add("attempt", row.getAttempt());
    JsonFields.addNullable(json, "error", row.getError());
    if (withMessage && attempt.message() != null) {
      json.add("msg", message(attempt.message(), false));
    }
    return json.build();
  }

  /**
   * The Svix status of a delivery: delivered is success, dead is fail; one still to be tried is
   * pending until a try of its current round has failed, then sending (its next try scheduled). A
   * try under way shows as the state before it: a try is written once, with its outcome.
   */
  static int status(Delivery delivery) {
    return switch (delivery.getStatus()) {
      case DELIVERED -> SUCCESS;
      case DEAD -> FAIL;
      case PENDING -> delivery.triedInRound() ? SENDING : PENDING;
    };
  }

  /** MessageEndpointOut: the endpoint with the state of the message's delivery to it. */
  static JsonObject destination(Attempts.Destination destination) {
    Endpoint endpoint = destination.endpoint();
    Delivery delivery = destination.delivery();
    int status = status(delivery);
    JsonObjectBuilder json = Jsons.createObjectBuilder().add("id", endpoint.getId());
    JsonFields.addNullable(json, "uid", endpoint.getUid());
    json.add("url", endpoint.getUrl())
        .add("description", endpoint.getDescription() == null ? "" : endpoint.getDescription())
        .add("disabled", !endpoint.isEnabled());
    if (!endpoint.getEventTypes().isEmpty()) {
      json.add("filterTypes", names(endpoint.getEventTypes()));
    }
    if (!endpoint.getChannels().isEmpty()) {
      json.add("channels", names(endpoint.getChannels()));
    }
    JsonFields.addNullable(json, "rateLimit", endpoint.getRateLimit());
    JsonFields.addNullable(json, "throttleRate", endpoint.getRateLimit());
    json.add("version", 1)
        .add("createdAt", JsonFields.rfc3339(endpoint.getCreatedAt()))
        .add("updatedAt", JsonFields.rfc3339(endpoint.getUpdatedAt()))
        .add("status", status)
        .add("statusText", STATUS_TEXT.get(status));
    OffsetDateTime next =
        delivery.getStatus() == DeliveryStatus.PENDING ? delivery.getNextAttemptAt() : null;
    JsonFields.addNullable(json, "nextAttempt", next == null ? null : JsonFields.rfc3339(next));
    return json.add("attempts", delivery.getAttemptCount()).build();
  }

  private static JsonArrayBuilder names(List<String> names) {
    JsonArrayBuilder array = Jsons.createArrayBuilder();
    names.forEach(array::add);
    return array;
  }

  /** An instant query parameter ({@code before}, {@code after}), or null when absent. */
  static OffsetDateTime instant(String parameter, String text) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text);
    } catch (DateTimeParseException e) {
      throw Refusal.invalidQuery(
          parameter, "must be an RFC 3339 date-time, e.g. 2026-11-23T10:00:00Z");
    }
  }

  /**
   * {@code event_types}, repeated or comma-separated (the Svix SDKs send one comma-separated
   * value).
   */
  static List<String> eventTypes(List<String> values) {
    List<String> types = new ArrayList<>();
    if (values != null) {
      for (String value : values) {
        for (String type : value.split(",")) {
          if (!type.isBlank()) {
            if (type.length() > 256 || !MessagesResource.EVENT_TYPE.matcher(type).matches()) {
              throw Refusal.invalidQuery("event_types", "holds an invalid event type: " + type);
            }
            types.add(type);
          }
        }
      }
    }
    return types;
  }

  /** A name query parameter ({@code channel}, {@code tag}), or null when absent. */
  static String name(String parameter, String value, java.util.regex.Pattern rule) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    if (!rule.matcher(value).matches()) {
      throw Refusal.invalidQuery(parameter, "must match " + rule.pattern());
    }
    return value;
  }

  /** A Svix MessageStatus query parameter (0 to 4), or null when absent. */
  static Integer statusQuery(String value) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    return switch (value) {
      case "0" -> SUCCESS;
      case "1" -> PENDING;
      case "2" -> FAIL;
      case "3" -> SENDING;
      case "4" -> CANCELED;
      default ->
          throw Refusal.invalidQuery(
              "status", "must be 0 (success), 1 (pending), 2 (fail), 3 (sending) or 4 (canceled)");
    };
  }

  /**
   * A Svix StatusCodeClass query parameter ({@code status_code_class}): 0 (no HTTP answer), 100,
   * 200, 300, 400 or 500; null when absent.
   */
  static Integer statusCodeClassQuery(String value) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    return switch (value) {
      case "0", "100", "200", "300", "400", "500" -> Integer.valueOf(value);
      default ->
          throw Refusal.invalidQuery(
              "status_code_class", "must be 0 (no answer), 100, 200, 300, 400 or 500");
    };
  }
}
