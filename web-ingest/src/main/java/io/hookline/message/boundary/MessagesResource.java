package io.hookline.message.boundary;

import static io.hookline.json.JsonFields.addNullable;

import io.hookline.api.DeliveryViews;
import io.hookline.api.IdempotentPost;
import io.hookline.api.JsonBody;
import io.hookline.deadletter.control.DeadLetters;
import io.hookline.json.JsonFields;
import io.hookline.json.Jsons;
import io.hookline.message.control.MessageIntake;
import io.hookline.message.entity.Message;
import io.hookline.platform.Refusal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

@ApplicationScoped
@Path("v1/app/{app_id}/msg")
@Produces(MediaType.APPLICATION_JSON)
public class MessagesResource {
  static final Pattern EVENT_TYPE = io.hookline.platform.EventTypes.PATTERN;

  /** An identifier, not free text: no spaces, quotes or separators that could be mistaken. */
  static final Pattern EVENT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:@/+=~-]*");

  @Inject MessageIntake intake;
  @Inject io.hookline.message.control.SendGroups sends;
  @Inject DeadLetters deadLetters;

  @Operation(
      summary = "Send a message",
      description =
          "Stores the message and queues a delivery to every enabled endpoint whose eventTypes match, in one transaction: answered 202 once committed to PostgreSQL and Artemis. An Idempotency-Key header (24 h) or a repeated eventId returns the first answer (Idempotent-Replayed: true); the same key with another request is 409.")
  @APIResponse(
      responseCode = "202",
      description = "Send a message: done",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "example",
                      value =
                          "{\"id\":\"msg_01JD2QA2B3C4D5E6F7G8H9J0K1\",\"eventType\":\"invoice.paid\",\"eventId\":null,\"timestamp\":\"2026-11-23T10:00:01Z\"}")))
  @RequestBody(
      required = true,
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "example",
                      value =
                          "{\"eventType\":\"invoice.paid\",\"eventId\":\"inv_1-paid\",\"payload\":{\"invoice\":\"in_1\",\"amount\":4200}}")))
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response send(
      @PathParam("app_id") String app,
      @HeaderParam("Idempotency-Key") String idempotencyKey,
      String body) {
    if (idempotencyKey != null) {
      IdempotentPost.checkKey("Idempotency-Key", idempotencyKey);
    }
    JsonBody json = JsonBody.parse(body);
    String eventType = json.requiredString("eventType", 256, EVENT_TYPE);
    JsonObject payload = json.requiredObject("payload");
    String eventId = json.optionalString("eventId", 256, EVENT_ID);
    // The compact text is stored once and is, byte for byte, what gets signed and sent.
    MessageIntake.Accepted accepted =
        sends.accept(app, eventType, eventId, payload.toString(), idempotencyKey);
    Response.ResponseBuilder response = Response.accepted(summary(accepted.message()).build());
    if (accepted.replayed()) {
      response.header("Idempotent-Replayed", "true");
    }
    return response.build();
  }

  /**
   * Newest first, each with its deliveries' states ({@code endpointId}, {@code status}, {@code
   * attempts}); pass {@code next} as {@code before} for the following page.
   */
  @Operation(
      summary = "List messages",
      description =
          "Newest first, each with its deliveries' states; pass `next` as `before` for the following page.")
  @APIResponse(
      responseCode = "200",
      description = "List messages: done",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "example",
                      value =
                          "{\"data\":[{\"id\":\"msg_01JD2QA2B3C4D5E6F7G8H9J0K1\",\"eventType\":\"invoice.paid\",\"eventId\":null,\"timestamp\":\"2026-11-23T10:00:01Z\",\"deliveries\":[{\"endpointId\":\"ep_01JD2Q9A1B2C3D4E5F6G7H8J9K\",\"status\":\"delivered\",\"attempts\":1}]}],\"next\":null}")))
  @GET
  public JsonObject list(
      @PathParam("app_id") String app,
      @jakarta.ws.rs.QueryParam("limit") Integer limit,
      @jakarta.ws.rs.QueryParam("before") String before) {
    int size = io.hookline.api.Paging.size(limit);
    java.util.List<Message> page = intake.list(app, before, size + 1);
    java.util.List<Message> shown = page.subList(0, Math.min(size, page.size()));
    java.util.Map<String, JsonArrayBuilder> deliveries = new java.util.HashMap<>();
    intake
        .deliveries(shown.stream().map(Message::getId).toList())
        .forEach(
            d ->
                deliveries
                    .computeIfAbsent(d.getMessageId(), id -> Jsons.createArrayBuilder())
                    .add(
                        Jsons.createObjectBuilder()
                            .add("endpointId", d.getEndpointId())
                            .add("status", d.getStatus().name().toLowerCase())
                            .add("attempts", d.getAttemptCount())));
    JsonArrayBuilder data = Jsons.createArrayBuilder();
    for (Message message : shown) {
      data.add(
          summary(message)
              .add(
                  "deliveries",
                  deliveries.getOrDefault(message.getId(), Jsons.createArrayBuilder())));
    }
    JsonObjectBuilder json = Jsons.createObjectBuilder().add("data", data);
    return addNullable(json, "next", page.size() > size ? shown.get(size - 1).getId() : null)
        .build();
  }

  static final int MAX_BATCH = 1000;

  @Operation(
      summary = "Send up to 1,000 messages",
      description =
          "Each item as POST .../msg takes it, all in one transaction; one answer lists each"
              + " item's message or its own problem (a refused item does not sink the others)."
              + " eventId repeats work as for single sends; Idempotency-Key does not apply.")
  @APIResponse(
      responseCode = "200",
      description = "Per item, in order",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "example",
                      value =
                          "{\"accepted\":1,\"refused\":1,\"data\":[{\"index\":0,\"id\":\"msg_01JD2QA2\",\"eventType\":\"invoice.paid\",\"eventId\":null,\"timestamp\":\"2026-11-23T10:00:01Z\"},{\"index\":1,\"error\":{\"type\":\"urn:hookline:problem:invalid-field\",\"title\":\"Invalid field\",\"status\":422,\"detail\":\"eventType is required\",\"field\":\"eventType\"}}]}")))
  @RequestBody(
      required = true,
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "example",
                      value =
                          "{\"messages\":[{\"eventType\":\"invoice.paid\",\"payload\":{\"invoice\":\"in_1\"}},{\"payload\":{}}]}")))
  @POST
  @Path("batch")
  @Consumes(MediaType.APPLICATION_JSON)
  public JsonObject sendBatch(@PathParam("app_id") String app, String body) {
    JsonBody json = JsonBody.parse(body);
    if (!(json.value("messages") instanceof JsonArray messages)) {
      throw Refusal.invalidField("messages", "must be an array of messages");
    }
    if (messages.isEmpty() || messages.size() > MAX_BATCH) {
      throw Refusal.invalidField("messages", "must hold 1 to " + MAX_BATCH + " messages");
    }
    java.util.List<MessageIntake.BatchItem> items = new java.util.ArrayList<>();
    for (int i = 0; i < messages.size(); i++) {
      try {
        if (messages.get(i).getValueType() != jakarta.json.JsonValue.ValueType.OBJECT) {
          throw Refusal.invalidField("messages[" + i + "]", "must be a message object");
        }
        JsonBody item = JsonBody.of(messages.getJsonObject(i));
        items.add(
            new MessageIntake.BatchItem(
                item.requiredString("eventType", 256, EVENT_TYPE),
                item.optionalString("eventId", 256, EVENT_ID),
                item.requiredObject("payload").toString(),
                null));
      } catch (Refusal refused) {
        items.add(new MessageIntake.BatchItem(null, null, null, refused));
      }
    }
    java.util.List<Object> results = intake.acceptBatch(app, items);
    JsonArrayBuilder data = Jsons.createArrayBuilder();
    int accepted = 0;
    for (int i = 0; i < results.size(); i++) {
      Object result = results.get(i);
      if (result instanceof Message message) {
        accepted++;
        data.add(Jsons.createObjectBuilder(summary(message).build()).add("index", i));
      } else {
        data.add(
            Jsons.createObjectBuilder()
                .add("index", i)
                .add("error", io.hookline.api.ProblemMapper.body((Refusal) result)));
      }
    }
    return Jsons.createObjectBuilder()
        .add("accepted", accepted)
        .add("refused", results.size() - accepted)
        .add("data", data)
        .build();
  }

  @Operation(summary = "Get a message", description = "The message with its payload.")
  @APIResponse(
      responseCode = "200",
      description = "Get a message: done",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "example",
                      value =
                          "{\"id\":\"msg_01JD2QA2B3C4D5E6F7G8H9J0K1\",\"eventType\":\"invoice.paid\",\"eventId\":null,\"timestamp\":\"2026-11-23T10:00:01Z\",\"payload\":{\"invoice\":\"in_1\",\"amount\":4200}}")))
  @GET
  @Path("{msg_id}")
  public JsonObject get(@PathParam("app_id") String app, @PathParam("msg_id") String messageId) {
    Message message = intake.find(app, messageId);
    JsonObject payload = JsonFields.stored(message.getPayload());
    return summary(message).add("payload", payload).build();
  }

  /**
   * Sends the message to the endpoint again: a dead or delivered delivery starts a new round of
   * tries, a pending one is tried at once, and one never made (the endpoint came later or did not
   * match) is created.
   */
  @Operation(
      summary = "Resend a message to an endpoint",
      description =
          "A dead or delivered delivery starts a new round of tries (and leaves hookline.dlq), a pending one is tried at once, one never made is created. 409 if the endpoint is disabled.")
  @APIResponse(
      responseCode = "202",
      description = "Resend a message to an endpoint: done",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "example",
                      value =
                          "{\"deliveryId\":\"dlv_01JD2QB3\",\"messageId\":\"msg_01JD2QA2B3C4D5E6F7G8H9J0K1\",\"endpointId\":\"ep_01JD2Q9A1B2C3D4E5F6G7H8J9K\",\"status\":\"pending\",\"attempts\":8,\"reason\":\"answered 500\",\"lastAttemptAt\":\"2026-11-24T03:00:00Z\",\"createdAt\":\"2026-11-23T10:00:01Z\"}")))
  @POST
  @Path("{msg_id}/endpoint/{endpoint_id}/resend")
  public Response resend(
      @PathParam("app_id") String app,
      @PathParam("msg_id") String messageId,
      @PathParam("endpoint_id") String endpointId) {
    return Response.accepted(DeliveryViews.delivery(deadLetters.resend(app, messageId, endpointId)))
        .build();
  }

  private static JsonObjectBuilder summary(Message message) {
    JsonObjectBuilder json =
        Jsons.createObjectBuilder()
            .add("id", message.getId())
            .add("eventType", message.getEventType());
    return addNullable(json, "eventId", message.getEventId())
        .add("timestamp", message.getCreatedAt().toString());
  }
}
