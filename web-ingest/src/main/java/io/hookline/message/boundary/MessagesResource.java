package io.hookline.message.boundary;

import io.hookline.api.IdempotentPost;
import io.hookline.api.JsonBody;
import io.hookline.api.SvixLists;
import io.hookline.app.control.Apps;
import io.hookline.deadletter.control.DeadLetters;
import io.hookline.json.Jsons;
import io.hookline.message.control.Attempts;
import io.hookline.message.control.MessageIntake;
import io.hookline.message.control.SendGroups;
import io.hookline.message.entity.Message;
import io.hookline.platform.ListPage;
import io.hookline.platform.NameSets;
import io.hookline.platform.Refusal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Svix's messages: {@code /api/v1/app/{app_id}/msg}, where {@code app_id} is the app's id or uid
 * and {@code msg_id} the message's id or eventId; with Hookline's batch send beside them.
 */
@ApplicationScoped
@Tag(name = "Message", description = "Messages: the events an application sends.")
@Path("v1/app/{app_id}/msg")
@Produces(MediaType.APPLICATION_JSON)
public class MessagesResource {
  static final Pattern EVENT_TYPE = io.hookline.platform.EventTypes.PATTERN;

  /** An identifier, not free text: no spaces, quotes or separators that could be mistaken. */
  static final Pattern EVENT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:@/+=~-]*");

  /** As Svix: at most 10 channels and 5 tags a message. */
  static final int MAX_CHANNELS = 10;

  static final int MAX_TAGS = 5;

  /** As AppsResource: Svix's throttleRate is a uint16. */
  static final int MAX_THROTTLE = 65535;

  static final Pattern APP_UID = Pattern.compile("(?!app_)[a-zA-Z0-9\\-_.]{1,256}");

  static final String MESSAGE_OUT =
      "{\"id\":\"msg_01JD2QA2B3C4D5E6F7G8H9J0K1\",\"eventType\":\"invoice.paid\",\"eventId\":\"inv_1-paid\",\"payload\":{\"invoice\":\"in_1\",\"amount\":4200},\"channels\":[\"project_1\"],\"tags\":[\"billing\"],\"timestamp\":\"2026-11-23T10:00:01Z\"}";

  static final String ATTEMPT_OUT =
      "{\"id\":\"atmpt_4711\",\"msgId\":\"msg_01JD2QA2B3C4D5E6F7G8H9J0K1\",\"endpointId\":\"ep_01JD2Q9A1B2C3D4E5F6G7H8J9K\",\"url\":\"https://example.com/webhook\",\"response\":\"ok\",\"responseStatusCode\":200,\"responseDurationMs\":42,\"status\":0,\"statusText\":\"success\",\"triggerType\":0,\"timestamp\":\"2026-11-23T10:00:01Z\",\"attempt\":1}";

  @Inject MessageIntake intake;
  @Inject SendGroups sends;
  @Inject DeadLetters deadLetters;
  @Inject Attempts attempts;
  @Inject Apps apps;
  @Inject IdempotentPost idempotent;

  @Operation(
      summary = "Send a message",
      description =
          "Stores the message and queues a delivery to every enabled endpoint whose eventTypes (and"
              + " channels) match, in one transaction: answered 202 once committed to PostgreSQL and"
              + " Artemis. An idempotency-key header (24 h) returns the first answer"
              + " (Idempotent-Replayed: true); the same key with another request is 409, and so is"
              + " an eventId the app already has a message for. channels (at most 10) route the"
              + " message: an endpoint with channels gets only messages carrying one of them. tags"
              + " (at most 5) are for filtering lists. An application object creates the app named"
              + " by the path (as its uid) when it does not exist. payloadRetentionPeriod (days, 5"
              + " to 90, default 90) keeps the payload that long; then it is removed, the rest of"
              + " the message stays (its payload reads {\"expired\": true}) and it can no longer be"
              + " sent. deliverAt (send later) is not supported: a message naming it is refused"
              + " with 422.")
  @APIResponse(
      responseCode = "202",
      description = "Accepted",
      content =
          @Content(
              schema = @Schema(ref = "MessageOut"),
              mediaType = "application/json",
              examples = @ExampleObject(name = "example", value = MESSAGE_OUT)))
  @RequestBody(
      required = true,
      content =
          @Content(
              schema = @Schema(ref = "MessageIn"),
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "example",
                      value =
                          "{\"eventType\":\"invoice.paid\",\"eventId\":\"inv_1-paid\",\"payload\":{\"invoice\":\"in_1\",\"amount\":4200},\"channels\":[\"project_1\"],\"tags\":[\"billing\"],\"payloadRetentionPeriod\":30}")))
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response send(
      @PathParam("app_id") String app,
      @HeaderParam(IdempotentPost.HEADER) String idempotencyKey,
      @QueryParam("with_content") String withContent,
      String body) {
    if (idempotencyKey != null) {
      IdempotentPost.checkKey("Idempotency-Key", idempotencyKey);
    }
    boolean content = SvixLists.flag("with_content", withContent, true);
    JsonBody json = JsonBody.parse(body);
    String eventType = json.requiredString("eventType", 256, EVENT_TYPE);
    JsonObject payload = payloadOf(json);
    String eventId = json.optionalString("eventId", 256, EVENT_ID);
    List<String> channels = json.optionalStrings("channels", MAX_CHANNELS, 128, NameSets.CHANNEL);
    List<String> tags = json.optionalStrings("tags", MAX_TAGS, 128, NameSets.TAG);
    Integer payloadDays = payloadDays(json);
    refuseDeliverAt(json);
    if (json.has("application") && json.value("application") != JsonValue.NULL) {
      createAppIfMissing(app, json.nested("application"));
    }
    // Idempotency is the message's own: its key is claimed in the transaction that stores it.
    // The compact text is stored once and is, byte for byte, what gets signed and sent.
    MessageIntake.Accepted accepted =
        sends.accept(
            app,
            eventType,
            eventId,
            payload.toString(),
            channels,
            tags,
            payloadDays,
            idempotencyKey);
    Response.ResponseBuilder response =
        Response.accepted(MessageViews.message(accepted.message(), content));
    if (accepted.replayed()) {
      response.header("Idempotent-Replayed", "true");
    }
    return response.build();
  }

  /**
   * The payload: {@code payload}, or, as the Svix SDKs send it, the JSON text in {@code
   * transformationsParams.rawPayload} (with {@code payload} then an empty object).
   */
  private static JsonObject payloadOf(JsonBody json) {
    JsonObject payload = json.requiredObject("payload");
    if (!(json.value("transformationsParams") instanceof JsonObject params)
        || !params.containsKey("rawPayload")) {
      return payload;
    }
    if (!(params.get("rawPayload") instanceof jakarta.json.JsonString raw)) {
      throw Refusal.invalidField("transformationsParams.rawPayload", "must be a string");
    }
    try {
      return JsonBody.parse(raw.getString()).object();
    } catch (Refusal notAnObject) {
      throw Refusal.invalidField(
          "transformationsParams.rawPayload",
          "must be the text of a JSON object (Hookline sends JSON payloads only)");
    }
  }

  /** Svix's payloadRetentionPeriod: days the payload is kept, 5 to 90; null for the default. */
  static Integer payloadDays(JsonBody json) {
    return json.optionalInteger(
        "payloadRetentionPeriod", Message.MIN_PAYLOAD_DAYS, Message.MAX_PAYLOAD_DAYS);
  }

  /**
   * Svix's {@code deliverAt} (send later) is not supported: a message is queued when accepted, so
   * one that names a time is refused rather than sent at once.
   */
  static void refuseDeliverAt(JsonBody json) {
    if (json.has("deliverAt") && json.value("deliverAt") != JsonValue.NULL) {
      throw Refusal.invalidField(
          "deliverAt",
          "is not supported: Hookline queues a message when it accepts it; leave deliverAt out");
    }
  }

  /**
   * Svix's inline application: made, with the path as its uid, when the path names no app. Two
   * first messages for a new app may race to make it: the one that loses finds the winner's app.
   */
  private void createAppIfMissing(String app, JsonBody application) {
    String name = application.requiredString("name", 256, null);
    application.optionalString("uid", 256, APP_UID);
    Apps.Fields fields =
        new Apps.Fields(
            name,
            app,
            io.hookline.api.Metadata.read(application),
            application.optionalInteger("throttleRate", 0, MAX_THROTTLE));
    try {
      apps.find(app);
      return;
    } catch (Refusal missing) {
      if (!APP_UID.matcher(app).matches()) {
        throw missing;
      }
    }
    try {
      apps.create(fields, true);
    } catch (Refusal taken) {
      if (taken.kind() != Refusal.Kind.CONFLICT) {
        throw taken;
      }
      // Another request made the app between the lookup and the insert; it exists now.
      apps.find(app);
    }
  }

  @Operation(
      summary = "List messages",
      description =
          "Newest first (order=ascending for oldest first), Svix-paged by iterator; filters"
              + " event_types (repeated or comma-separated), channel, tag, before and after"
              + " (RFC 3339). with_content=false leaves payloads out. Hookline's"
              + " with_destinations=true adds to each message its destinations (as GET"
              + " .../msg/{msg_id}/endpoint lists them), read for the whole page at once.")
  @APIResponse(
      responseCode = "200",
      description = "A page of messages",
      content =
          @Content(
              schema = @Schema(ref = "ListResponseMessageOut"),
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "example",
                      value =
                          "{\"data\":["
                              + MESSAGE_OUT
                              + "],\"iterator\":\"bm1zZ18wMUpEMlFBMkIzQzRENUU2RjdHOEg5SjBLMQ\",\"prevIterator\":\"cG1zZ18wMUpEMlFBMkIzQzRENUU2RjdHOEg5SjBLMQ\",\"done\":true}")))
  @GET
  public JsonObject list(
      @PathParam("app_id") String app,
      @QueryParam("limit") String limit,
      @QueryParam("iterator") String iterator,
      @QueryParam("order") String order,
      @QueryParam("event_types") List<String> eventTypes,
      @QueryParam("channel") String channel,
      @QueryParam("tag") String tag,
      @QueryParam("before") String before,
      @QueryParam("after") String after,
      @QueryParam("with_content") String withContent,
      @QueryParam("with_destinations") String withDestinations) {
    ListPage page = SvixLists.page(limit, iterator, order, ListPage.Order.DESCENDING);
    boolean content = SvixLists.flag("with_content", withContent, true);
    boolean destinations = SvixLists.flag("with_destinations", withDestinations, false);
    MessageIntake.Filter filter =
        new MessageIntake.Filter(
            MessageViews.eventTypes(eventTypes),
            MessageViews.name("channel", channel, NameSets.CHANNEL),
            MessageViews.name("tag", tag, NameSets.TAG),
            MessageViews.instant("before", before),
            MessageViews.instant("after", after));
    ListPage.Page<Message> messages = intake.list(app, page, filter);
    if (!destinations) {
      return SvixLists.json(messages, message -> MessageViews.message(message, content));
    }
    Map<String, List<Attempts.Destination>> each = attempts.destinationsOf(messages.data());
    return SvixLists.json(
        messages,
        message -> {
          JsonArrayBuilder to = Jsons.createArrayBuilder();
          each.getOrDefault(message.getId(), List.of())
              .forEach(destination -> to.add(MessageViews.destination(destination)));
          return Jsons.createObjectBuilder(MessageViews.message(message, content))
              .add("destinations", to)
              .build();
        });
  }

  static final int MAX_BATCH = 1000;

  @Operation(
      summary = "Send up to 1,000 messages",
      description =
          "Each item as POST .../msg takes it, all in one transaction; one answer lists each"
              + " item's message or its own problem (a refused item does not sink the others)."
              + " A repeated eventId is that item's 409; idempotency-key does not apply.")
  @APIResponse(
      responseCode = "200",
      description = "Per item, in order",
      content =
          @Content(
              schema = @Schema(ref = "MessageBatchOut"),
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "example",
                      value =
                          "{\"accepted\":1,\"refused\":1,\"data\":[{\"index\":0,\"id\":\"msg_01JD2QA2\",\"eventType\":\"invoice.paid\",\"eventId\":null,\"payload\":{\"invoice\":\"in_1\"},\"channels\":[],\"tags\":[],\"timestamp\":\"2026-11-23T10:00:01Z\"},{\"index\":1,\"error\":{\"type\":\"urn:hookline:problem:invalid-field\",\"title\":\"Invalid field\",\"status\":422,\"detail\":\"eventType is required\",\"field\":\"eventType\"}}]}")))
  @RequestBody(
      required = true,
      content =
          @Content(
              schema = @Schema(ref = "MessageBatchIn"),
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
    List<MessageIntake.BatchItem> items = new ArrayList<>();
    for (int i = 0; i < messages.size(); i++) {
      try {
        if (messages.get(i).getValueType() != JsonValue.ValueType.OBJECT) {
          throw Refusal.invalidField("messages[" + i + "]", "must be a message object");
        }
        JsonBody item = JsonBody.of(messages.getJsonObject(i));
        refuseDeliverAt(item);
        items.add(
            new MessageIntake.BatchItem(
                item.requiredString("eventType", 256, EVENT_TYPE),
                item.optionalString("eventId", 256, EVENT_ID),
                item.requiredObject("payload").toString(),
                item.optionalStrings("channels", MAX_CHANNELS, 128, NameSets.CHANNEL),
                item.optionalStrings("tags", MAX_TAGS, 128, NameSets.TAG),
                payloadDays(item),
                null));
      } catch (Refusal refused) {
        items.add(new MessageIntake.BatchItem(null, null, null, null, null, null, refused));
      }
    }
    List<Object> results = intake.acceptBatch(app, items);
    JsonArrayBuilder data = Jsons.createArrayBuilder();
    int accepted = 0;
    for (int i = 0; i < results.size(); i++) {
      Object result = results.get(i);
      if (result instanceof Message message) {
        accepted++;
        data.add(Jsons.createObjectBuilder(MessageViews.message(message, true)).add("index", i));
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

  @Operation(
      summary = "Get a message",
      description = "By its id or its eventId; with_content=false leaves the payload out.")
  @APIResponse(
      responseCode = "200",
      description = "The message",
      content =
          @Content(
              schema = @Schema(ref = "MessageOut"),
              mediaType = "application/json",
              examples = @ExampleObject(name = "example", value = MESSAGE_OUT)))
  @GET
  @Path("{msg_id}")
  public JsonObject get(
      @PathParam("app_id") String app,
      @PathParam("msg_id") String messageId,
      @QueryParam("with_content") String withContent) {
    boolean content = SvixLists.flag("with_content", withContent, true);
    return MessageViews.message(intake.find(app, messageId), content);
  }

  @Operation(
      summary = "Get an attempt",
      description = "One try at delivering the message, by its atmpt_ id.")
  @APIResponse(
      responseCode = "200",
      description = "The attempt",
      content =
          @Content(
              schema = @Schema(ref = "MessageAttemptOut"),
              mediaType = "application/json",
              examples = @ExampleObject(name = "example", value = ATTEMPT_OUT)))
  @GET
  @Path("{msg_id}/attempt/{attempt_id}")
  public JsonObject attempt(
      @PathParam("app_id") String app,
      @PathParam("msg_id") String messageId,
      @PathParam("attempt_id") String attemptId) {
    return MessageViews.attempt(attempts.get(app, messageId, attemptId), true, false);
  }

  @Operation(
      summary = "List a message's destinations",
      description =
          "The endpoints the message was to go to, by endpoint id, each with the state of its"
              + " delivery: status 0 success (delivered), 1 pending (no try of its current round"
              + " made yet), 3 sending (a try failed, the next is scheduled), 2 fail (dead);"
              + " nextAttempt, when the next try is due, for pending and sending. A try under way"
              + " shows as the state before it until its outcome is recorded.")
  @APIResponse(
      responseCode = "200",
      description = "A page of destinations",
      content =
          @Content(
              schema = @Schema(ref = "ListResponseMessageEndpointOut"),
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "example",
                      value =
                          "{\"data\":[{\"id\":\"ep_01JD2Q9A1B2C3D4E5F6G7H8J9K\",\"url\":\"https://example.com/webhook\",\"description\":\"\",\"disabled\":false,\"createdAt\":\"2026-11-23T09:00:00Z\",\"updatedAt\":\"2026-11-23T09:00:00Z\",\"status\":1,\"statusText\":\"pending\",\"nextAttempt\":\"2026-11-23T10:00:06Z\",\"attempts\":1}],\"iterator\":\"bmVwXzAxSkQyUTlBMUIyQzNENEU1RjZHN0g4SjlL\",\"prevIterator\":\"cGVwXzAxSkQyUTlBMUIyQzNENEU1RjZHN0g4SjlL\",\"done\":true}")))
  @GET
  @Path("{msg_id}/endpoint")
  public JsonObject destinations(
      @PathParam("app_id") String app,
      @PathParam("msg_id") String messageId,
      @QueryParam("limit") String limit,
      @QueryParam("iterator") String iterator) {
    ListPage page = SvixLists.page(limit, iterator, null, ListPage.Order.ASCENDING);
    return SvixLists.json(attempts.destinations(app, messageId, page), MessageViews::destination);
  }

  /**
   * Sends the message to the endpoint again: a dead or delivered delivery starts a new round of
   * tries, a pending one is tried at once, and one never made (the endpoint came later or did not
   * match) is created.
   */
  @Operation(
      summary = "Resend a message to an endpoint",
      description =
          "A dead or delivered delivery starts a new round of tries (and leaves hookline.dlq), a"
              + " pending one is tried at once, one never made is created; 202 with an empty"
              + " object, as Svix answers. 409 if the endpoint is disabled.")
  @APIResponse(
      responseCode = "202",
      description = "Queued",
      content =
          @Content(
              schema = @Schema(ref = "EmptyResponse"),
              mediaType = "application/json",
              examples = @ExampleObject(name = "example", value = "{}")))
  @POST
  @Path("{msg_id}/endpoint/{endpoint_id}/resend")
  public Response resend(
      @PathParam("app_id") String app,
      @PathParam("msg_id") String messageId,
      @PathParam("endpoint_id") String endpointId,
      @Context ContainerRequestContext request) {
    // Svix's resend takes no body: what the request names is in its path.
    return idempotent.answer(
        request,
        null,
        () -> {
          deadLetters.resend(app, messageId, endpointId);
          return Response.accepted(JsonValue.EMPTY_JSON_OBJECT).build();
        });
  }
}
