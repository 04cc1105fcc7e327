package io.hookline.endpoint.boundary;

import static io.hookline.json.JsonFields.addNullable;
import static io.hookline.json.JsonFields.rfc3339;

import io.hookline.api.DeliveryViews;
import io.hookline.api.IdempotentPost;
import io.hookline.api.JsonBody;
import io.hookline.api.Metadata;
import io.hookline.api.Paging;
import io.hookline.api.SvixLists;
import io.hookline.api.Uids;
import io.hookline.deadletter.control.DeadLetters;
import io.hookline.endpoint.control.CustomHeaders;
import io.hookline.endpoint.control.EndpointSpec;
import io.hookline.endpoint.control.Endpoints;
import io.hookline.endpoint.entity.Endpoint;
import io.hookline.endpoint.entity.EndpointHealth;
import io.hookline.json.JsonFields;
import io.hookline.json.Jsons;
import io.hookline.message.entity.Message;
import io.hookline.platform.ListPage;
import io.hookline.platform.Refusal;
import io.hookline.platform.Timestamps;
import io.hookline.platform.Upsert;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Svix's endpoints: {@code /api/v1/app/{app_id}/endpoint[/{endpoint_id}]}, where {@code
 * endpoint_id} is the endpoint's id or its uid, with Svix's fields (EndpointIn, EndpointOut) and
 * Hookline's own beside them ({@code ordered}, {@code disabledReason}, {@code …/health}).
 */
@ApplicationScoped
@Tag(name = "Endpoint", description = "Endpoints: the URLs an application delivers to.")
@Path("v1/app/{app_id}/endpoint")
@Produces(MediaType.APPLICATION_JSON)
public class EndpointsResource {
  /** An endpoint as the API shows it, for the OpenAPI examples. */
  static final String ENDPOINT_EXAMPLE =
      "{\"id\":\"ep_01JD2Q9A1B2C3D4E5F6G7H8J9K\",\"uid\":\"billing\",\"url\":\"https://example.com/webhooks\",\"description\":\"\",\"disabled\":false,\"filterTypes\":[\"invoice.paid\"],\"eventTypes\":[\"invoice.paid\"],\"channels\":null,\"metadata\":{},\"throttleRate\":10,\"rateLimit\":10,\"version\":1,\"ordered\":false,\"disabledReason\":null,\"createdAt\":\"2026-11-23T10:00:00.000000Z\",\"updatedAt\":\"2026-11-23T10:00:00.000000Z\"}";

  static final String ENDPOINT_IN_EXAMPLE =
      "{\"url\":\"https://example.com/webhooks\",\"uid\":\"billing\",\"filterTypes\":[\"invoice.paid\"],\"headers\":{\"X-Team\":\"billing\"},\"throttleRate\":10}";

  /** Dotted names; a trailing {@code .*} subscribes to everything below a prefix. */
  static final Pattern EVENT_TYPE_FILTER =
      Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*(\\.\\*)?");

  static final Pattern UID = Uids.ENDPOINT;

  static final Pattern CHANNEL = Pattern.compile("[a-zA-Z0-9\\-_.]+");
  static final Pattern EVENT_TYPE = Pattern.compile("[a-zA-Z0-9\\-_.]+");
  static final int MAX_UID = Uids.MAX;
  static final int MAX_CHANNELS = 10;
  static final int MAX_EVENT_TYPES = 100;

  /** Svix's throttleRate is a uint16: deliveries per second. */
  static final int MAX_THROTTLE = 65535;

  /** Svix's longest grace period for a rotated secret: a week. */
  static final int MAX_GRACE_SECONDS = 604_800;

  @Inject Endpoints endpoints;
  @Inject DeadLetters deadLetters;
  @Inject IdempotentPost idempotent;

  @Operation(
      summary = "Create an endpoint",
      description =
          "A subscriber URL for the app (201). The URL is checked (https only and no internal"
              + " addresses, unless the operator allows them). Without `secret`, a `whsec_` secret"
              + " is generated; read it with GET .../secret. `filterTypes` and `eventTypes` are one"
              + " field (either name); `rateLimit` is an older name of `throttleRate`. A taken uid"
              + " is a 409. An idempotency-key header makes a retry answer the first answer again.")
  @APIResponse(
      responseCode = "201",
      description = "Created",
      content =
          @Content(
              schema = @Schema(ref = "EndpointOut"),
              mediaType = "application/json",
              examples = @ExampleObject(name = "example", value = ENDPOINT_EXAMPLE)))
  @APIResponse(responseCode = "409", description = "The uid is taken in this app")
  @RequestBody(
      required = true,
      content =
          @Content(
              schema = @Schema(ref = "EndpointIn"),
              mediaType = "application/json",
              examples = @ExampleObject(name = "example", value = ENDPOINT_IN_EXAMPLE)))
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response create(
      @PathParam("app_id") String app,
      String body,
      @Context ContainerRequestContext request,
      @Context UriInfo uri) {
    return idempotent.answer(
        request,
        body,
        () -> {
          JsonBody json = JsonBody.parse(body);
          EndpointSpec spec = spec(json, null);
          boolean disabled = Boolean.TRUE.equals(json.optionalBoolean("disabled"));
          json.optionalInteger("version", 1, Integer.MAX_VALUE);
          Endpoint endpoint =
              endpoints.create(app, spec, json.optionalString("secret", 200, null), disabled);
          return Response.created(uri.getAbsolutePathBuilder().path(endpoint.getId()).build())
              .entity(view(endpoint))
              .build();
        });
  }

  @Operation(
      summary = "List endpoints",
      description =
          "The app's endpoints (deleted ones left out), oldest first by default; Svix's list shape"
              + " {data, iterator, prevIterator, done} with limit (1-250, default 50), iterator"
              + " and order (ascending or descending).")
  @APIResponse(
      responseCode = "200",
      description = "A page of endpoints",
      content =
          @Content(
              schema = @Schema(ref = "ListResponseEndpointOut"),
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "example",
                      value =
                          "{\"data\":["
                              + ENDPOINT_EXAMPLE
                              + "],\"iterator\":\"bmVwXzAxSkQyUTlBMUIyQzNENEU1RjZHN0g4SjlL\",\"prevIterator\":\"cGVwXzAxSkQyUTlBMUIyQzNENEU1RjZHN0g4SjlL\",\"done\":true}")))
  @GET
  public JsonObject list(
      @PathParam("app_id") String app,
      @QueryParam("limit") String limit,
      @QueryParam("iterator") String iterator,
      @QueryParam("order") String order) {
    ListPage page = SvixLists.page(limit, iterator, order, ListPage.Order.ASCENDING);
    return SvixLists.json(endpoints.list(app, page), EndpointsResource::view);
  }

  @Operation(summary = "Get an endpoint", description = "By its id or its uid; never its secret.")
  @APIResponse(
      responseCode = "200",
      description = "The endpoint",
      content =
          @Content(
              schema = @Schema(ref = "EndpointOut"),
              mediaType = "application/json",
              examples = @ExampleObject(name = "example", value = ENDPOINT_EXAMPLE)))
  @GET
  @Path("{endpoint_id}")
  public JsonObject get(
      @PathParam("app_id") String app, @PathParam("endpoint_id") String endpoint) {
    return view(endpoints.find(app, endpoint));
  }

  @Operation(
      summary = "Update an endpoint",
      description =
          "Replaces every field (those left out are cleared, and `disabled` left out enables the"
              + " endpoint); the secret is kept, and so are the uid, the headers and `ordered`"
              + " unless the body gives them (`\"uid\": null` clears the uid). When endpoint_id"
              + " names no endpoint and is not an id, the endpoint is created (201) with"
              + " endpoint_id as its uid unless the body gives one.")
  @APIResponse(
      responseCode = "200",
      description = "Updated",
      content =
          @Content(
              schema = @Schema(ref = "EndpointOut"),
              mediaType = "application/json",
              examples = @ExampleObject(name = "example", value = ENDPOINT_EXAMPLE)))
  @APIResponse(
      responseCode = "201",
      description = "Created",
      content =
          @Content(
              schema = @Schema(ref = "EndpointOut"),
              mediaType = "application/json",
              examples = @ExampleObject(name = "example", value = ENDPOINT_EXAMPLE)))
  @RequestBody(
      required = true,
      content =
          @Content(
              schema = @Schema(ref = "EndpointIn"),
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "example",
                      value =
                          "{\"url\":\"https://example.com/webhooks/v2\",\"filterTypes\":[\"invoice.paid\",\"customer.created\"]}")))
  @PUT
  @Path("{endpoint_id}")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response update(
      @PathParam("app_id") String app, @PathParam("endpoint_id") String endpoint, String body) {
    Uids.checkPath("endpoint_id", endpoint, "ep_", "an endpoint", UID);
    JsonBody json = JsonBody.parse(body);
    EndpointSpec given = spec(json, null);
    boolean disabled = Boolean.TRUE.equals(json.optionalBoolean("disabled"));
    json.optionalInteger("version", 1, Integer.MAX_VALUE);
    Upsert.Outcome<Endpoint> outcome =
        endpoints.upsert(app, endpoint, current -> putSpec(json, given, current), disabled);
    return Response.status(outcome.created() ? 201 : 200).entity(view(outcome.entity())).build();
  }

  /**
   * A PUT's spec: every field as the body gives it, but the uid, the headers and {@code ordered} of
   * the {@code current} endpoint (null when the PUT creates it) unless the body names them.
   */
  static EndpointSpec putSpec(JsonBody json, EndpointSpec given, Endpoint current) {
    if (current == null) {
      return given;
    }
    return new EndpointSpec(
        given.url(),
        given.description(),
        given.eventTypes(),
        json.has("headers") ? given.headers() : current.getHeaders(),
        given.rateLimit(),
        json.has("ordered") ? given.ordered() : current.isOrdered(),
        json.has("uid") ? given.uid() : current.getUid(),
        given.channels(),
        given.metadata());
  }

  @Operation(
      summary = "Partially update an endpoint",
      description =
          "Changes only the fields given; null clears uid, filterTypes, channels and"
              + " throttleRate. `disabled: false` enables an endpoint again, also one its circuit"
              + " breaker disabled. `secret` rotates the signing secret to it (null: to a"
              + " generated one), the old one signing beside it for 24 hours, as secret/rotate"
              + " does.")
  @APIResponse(
      responseCode = "200",
      description = "Updated",
      content =
          @Content(
              schema = @Schema(ref = "EndpointOut"),
              mediaType = "application/json",
              examples = @ExampleObject(name = "example", value = ENDPOINT_EXAMPLE)))
  @RequestBody(
      required = true,
      content =
          @Content(
              schema = @Schema(ref = "EndpointPatch"),
              mediaType = "application/json",
              examples = @ExampleObject(name = "example", value = "{\"disabled\":false}")))
  @PATCH
  @Path("{endpoint_id}")
  @Consumes(MediaType.APPLICATION_JSON)
  public JsonObject patch(
      @PathParam("app_id") String app, @PathParam("endpoint_id") String endpoint, String body) {
    JsonBody json = JsonBody.parse(body);
    Boolean disabled = json.optionalBoolean("disabled");
    json.optionalInteger("version", 1, Integer.MAX_VALUE);
    String secret = json.optionalString("secret", 200, null);
    return view(
        endpoints.patch(
            app, endpoint, current -> spec(json, current), disabled, json.has("secret"), secret));
  }

  @Operation(
      summary = "Delete an endpoint",
      description =
          "204; the endpoint gets nothing more and leaves the API (its uid is free again); its"
              + " history stays.")
  @APIResponse(responseCode = "204", description = "Deleted")
  @DELETE
  @Path("{endpoint_id}")
  public Response delete(
      @PathParam("app_id") String app, @PathParam("endpoint_id") String endpoint) {
    endpoints.delete(app, endpoint);
    return Response.noContent().build();
  }

  @Operation(
      summary = "Get the endpoint's headers",
      description =
          "The custom headers sent with each delivery; the values of sensitive ones (names"
              + " holding auth, token, secret, key, cookie, password or signature, in any case)"
              + " are not shown, their names are listed in `sensitive`.")
  @APIResponse(
      responseCode = "200",
      description = "The headers",
      content =
          @Content(
              schema = @Schema(ref = "EndpointHeadersOut"),
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "example",
                      value =
                          "{\"headers\":{\"X-Team\":\"billing\"},\"sensitive\":[\"Authorization\"]}")))
  @GET
  @Path("{endpoint_id}/headers")
  public JsonObject headers(
      @PathParam("app_id") String app, @PathParam("endpoint_id") String endpoint) {
    Map<String, String> headers = endpoints.find(app, endpoint).getHeaders();
    JsonArrayBuilder sensitive = Jsons.createArrayBuilder();
    headers.keySet().stream().filter(CustomHeaders::sensitive).forEach(sensitive::add);
    return Jsons.createObjectBuilder()
        .add("headers", shownHeaders(headers))
        .add("sensitive", sensitive)
        .build();
  }

  @Operation(
      summary = "Set the endpoint's headers",
      description = "Replaces the custom headers (204).")
  @APIResponse(responseCode = "204", description = "Set")
  @RequestBody(
      required = true,
      content =
          @Content(
              schema = @Schema(ref = "EndpointHeadersIn"),
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "example",
                      value =
                          "{\"headers\":{\"X-Team\":\"billing\",\"Authorization\":\"Bearer x\"}}")))
  @PUT
  @Path("{endpoint_id}/headers")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response setHeaders(
      @PathParam("app_id") String app, @PathParam("endpoint_id") String endpoint, String body) {
    JsonBody json = JsonBody.parse(body);
    json.requiredObject("headers");
    endpoints.setHeaders(app, endpoint, json.optionalStringMap("headers"));
    return Response.noContent().build();
  }

  @Operation(
      summary = "Partially set the endpoint's headers",
      description =
          "Sets the headers given with a value, removes those given as null or named in"
              + " `deleteHeaders`, and keeps the others (204).")
  @APIResponse(responseCode = "204", description = "Set")
  @RequestBody(
      required = true,
      content =
          @Content(
              schema = @Schema(ref = "EndpointHeadersPatchIn"),
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "example",
                      value = "{\"headers\":{\"X-Team\":\"payments\",\"X-Old\":null}}")))
  @PATCH
  @Path("{endpoint_id}/headers")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response patchHeaders(
      @PathParam("app_id") String app, @PathParam("endpoint_id") String endpoint, String body) {
    JsonBody json = JsonBody.parse(body);
    Map<String, String> changes = new LinkedHashMap<>();
    for (Map.Entry<String, JsonValue> entry : json.requiredObject("headers").entrySet()) {
      switch (entry.getValue().getValueType()) {
        case NULL -> changes.put(entry.getKey(), null);
        case STRING -> changes.put(entry.getKey(), ((JsonString) entry.getValue()).getString());
        default ->
            throw Refusal.invalidField("headers." + entry.getKey(), "must be a string or null");
      }
    }
    List<String> remove = json.optionalStrings("deleteHeaders", 100, 100, null);
    endpoints.patchHeaders(app, endpoint, changes, remove);
    return Response.noContent().build();
  }

  @Operation(
      summary = "Recover failed deliveries",
      description =
          "Re-queues every dead and still-failing delivery to the endpoint created in [since,"
              + " until) for a manual try, as a background task: the first batch is done before"
              + " the answer, so a small recovery answers `finished`; a larger one answers"
              + " `running` and goes on in the background, on any node, at the pace the endpoint"
              + " takes its deliveries. One runs per endpoint: while one runs, this answers it."
              + " Read its state with GET /api/v1/background-task/{id}. Hookline adds"
              + " `recovered`, how many it has re-queued so far, and `more`, true while it runs.")
  @APIResponse(
      responseCode = "202",
      description = "Recovery started (or, when small, done)",
      content =
          @Content(
              schema = @Schema(ref = "RecoverOut"),
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "example",
                      value =
                          "{\"id\":\"qtask_01JD2QB3C4D5E6F7G8H9J0K1L2\",\"status\":\"running\",\"task\":\"endpoint.recover\",\"updatedAt\":\"2026-11-23T12:00:00.000000Z\",\"recovered\":500,\"more\":true}")))
  @RequestBody(
      required = true,
      content =
          @Content(
              schema = @Schema(ref = "RecoverIn"),
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "example",
                      value =
                          "{\"since\":\"2026-11-23T00:00:00Z\",\"until\":\"2026-11-23T12:00:00Z\"}")))
  @POST
  @Path("{endpoint_id}/recover")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response recover(
      @PathParam("app_id") String app,
      @PathParam("endpoint_id") String endpoint,
      String body,
      @Context ContainerRequestContext request) {
    // The SDKs send an idempotency-key and retry a 5xx: a retry gets the first task, not another.
    // The task commits in a transaction of its own, before the key's stored answer does: it keeps
    // the key, so that a retry finds it even if that answer was never stored.
    String requestKey = idempotent.requestKey(request);
    return idempotent.answer(
        request,
        body,
        () -> {
          JsonBody json = JsonBody.parse(body);
          OffsetDateTime since = timestamp(json, "since", true);
          OffsetDateTime until = timestamp(json, "until", false);
          if (until == null) {
            until = Timestamps.now().plusSeconds(1);
          }
          if (!since.isBefore(until)) {
            throw Refusal.invalidField("until", "must be after since");
          }
          return Response.accepted(
                  DeliveryViews.recovery(
                      deadLetters.recover(app, endpoint, since, until, requestKey)))
              .build();
        });
  }

  private static OffsetDateTime timestamp(JsonBody json, String field, boolean required) {
    String text =
        required ? json.requiredString(field, 64, null) : json.optionalString(field, 64, null);
    return Paging.time(field, text);
  }

  @Operation(
      summary = "Rotate the signing secret",
      description =
          "Makes a new secret (generated unless `key` is given); the old one keeps signing for"
              + " `gracePeriodSeconds` (default 24 hours, at most a week), so webhook-signature"
              + " carries two v1 entries meanwhile. 204; read the new secret with GET .../secret.")
  @APIResponse(responseCode = "204", description = "Rotated")
  @RequestBody(
      content =
          @Content(
              schema = @Schema(ref = "EndpointSecretRotateIn"),
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "example",
                      value = "{\"key\":\"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw\"}")))
  @POST
  @Path("{endpoint_id}/secret/rotate")
  public Response rotateSecret(
      @PathParam("app_id") String app,
      @PathParam("endpoint_id") String endpoint,
      String body,
      @Context ContainerRequestContext request) {
    return idempotent.answer(
        request,
        body,
        () -> {
          String key = null;
          Integer grace = null;
          if (body != null && !body.isBlank()) {
            JsonBody json = JsonBody.parse(body);
            key = json.optionalString("key", 200, null);
            grace = json.optionalInteger("gracePeriodSeconds", 0, MAX_GRACE_SECONDS);
          }
          if (grace == null) {
            endpoints.rotateSecret(app, endpoint, key);
          } else {
            endpoints.rotateSecret(app, endpoint, key, Duration.ofSeconds(grace));
          }
          return Response.noContent().build();
        });
  }

  @Operation(
      summary = "Send an example message",
      description =
          "A message of the event type, its payload the example in the type's latest schema"
              + " (`{}` when it has none; `svix.ping` sends {\"success\":true}), delivered to this"
              + " endpoint only. An unknown event type is a 404.")
  @APIResponse(
      responseCode = "200",
      description = "The message sent",
      content =
          @Content(
              schema = @Schema(ref = "MessageOut"),
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "example",
                      value =
                          "{\"id\":\"msg_01JD2QA2B3C4D5E6F7G8H9J0K1\",\"eventType\":\"invoice.paid\",\"eventId\":null,\"payload\":{\"invoiceId\":\"in_1\"},\"channels\":null,\"timestamp\":\"2026-11-23T10:00:01.000000Z\"}")))
  @RequestBody(
      required = true,
      content =
          @Content(
              schema = @Schema(ref = "EventExampleIn"),
              mediaType = "application/json",
              examples =
                  @ExampleObject(name = "example", value = "{\"eventType\":\"invoice.paid\"}")))
  @POST
  @Path("{endpoint_id}/send-example")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response sendExample(
      @PathParam("app_id") String app,
      @PathParam("endpoint_id") String endpoint,
      String body,
      @Context ContainerRequestContext request) {
    return idempotent.answer(
        request,
        body,
        () -> {
          String eventType = JsonBody.parse(body).requiredString("eventType", 256, EVENT_TYPE);
          Message message = endpoints.sendExample(app, endpoint, eventType);
          JsonObjectBuilder json =
              Jsons.createObjectBuilder()
                  .add("id", message.getId())
                  .add("eventType", message.getEventType());
          addNullable(json, "eventId", message.getEventId());
          return Response.ok(
                  json.add("payload", JsonFields.stored(message.getPayload()))
                      .addNull("channels")
                      .add("timestamp", rfc3339(message.getCreatedAt()))
                      .build())
              .build();
        });
  }

  @Operation(
      summary = "Get the endpoint's statistics",
      description =
          "Its deliveries created in [since, until) (both optional) by state: success"
              + " (delivered), pending (not tried yet), sending (failed, to be tried again), fail"
              + " (dead); canceled is always 0.")
  @APIResponse(
      responseCode = "200",
      description = "The statistics",
      content =
          @Content(
              schema = @Schema(ref = "EndpointStats"),
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "example",
                      value =
                          "{\"success\":120,\"pending\":2,\"sending\":1,\"fail\":3,\"canceled\":0}")))
  @GET
  @Path("{endpoint_id}/stats")
  public JsonObject stats(
      @PathParam("app_id") String app,
      @PathParam("endpoint_id") String endpoint,
      @QueryParam("since") String since,
      @QueryParam("until") String until) {
    Endpoints.Stats stats =
        endpoints.stats(
            app, endpoint, Paging.queryTime("since", since), Paging.queryTime("until", until));
    return Jsons.createObjectBuilder()
        .add("success", stats.success())
        .add("pending", stats.pending())
        .add("sending", stats.sending())
        .add("fail", stats.fail())
        .add("canceled", 0)
        .build();
  }

  /** The circuit breaker's state and the endpoint's figures for the current window. */
  @Operation(
      summary = "Get an endpoint's health",
      description =
          "Its circuit breaker (closed, open, half_open), failures in a row, successes and failures in the current window, average latency.")
  @APIResponse(
      responseCode = "200",
      description = "Get an endpoint's health: done",
      content =
          @Content(
              schema = @Schema(ref = "EndpointHealth"),
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "example",
                      value =
                          "{\"endpointId\":\"ep_01JD2Q9A1B2C3D4E5F6G7H8J9K\",\"state\":\"closed\",\"consecutiveFailures\":0,\"windowSuccesses\":120,\"windowFailures\":1,\"avgLatencyMs\":85,\"timesOpened\":0}")))
  @GET
  @Path("{endpoint_id}/health")
  public JsonObject health(
      @PathParam("app_id") String app, @PathParam("endpoint_id") String endpoint) {
    EndpointHealth health = endpoints.health(app, endpoint);
    JsonObjectBuilder json =
        Jsons.createObjectBuilder()
            .add("endpointId", health.getEndpointId())
            .add("state", health.getState().name().toLowerCase())
            .add("consecutiveFailures", health.getConsecutiveFailures())
            .add("windowSuccesses", health.getWindowSuccesses())
            .add("windowFailures", health.getWindowFailures())
            .add("avgLatencyMs", Math.round(health.getAvgLatencyMs()))
            .add("timesOpened", health.getTimesOpened());
    addNullable(json, "openedAt", health.getOpenedAt());
    addNullable(json, "failingSince", health.getFailingSince());
    addNullable(json, "lastSuccessAt", health.getLastSuccessAt());
    return addNullable(json, "lastFailureAt", health.getLastFailureAt()).build();
  }

  @Operation(
      summary = "Get the signing secret",
      description = "The `whsec_` secret a receiver verifies webhook-signature with.")
  @APIResponse(
      responseCode = "200",
      description = "The secret",
      content =
          @Content(
              schema = @Schema(ref = "EndpointSecretOut"),
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "example",
                      value = "{\"key\":\"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw\"}")))
  @GET
  @Path("{endpoint_id}/secret")
  public JsonObject secret(
      @PathParam("app_id") String app, @PathParam("endpoint_id") String endpoint) {
    return Jsons.createObjectBuilder().add("key", endpoints.secret(app, endpoint)).build();
  }

  /**
   * The spec in the body; with {@code current} (a PATCH), fields the body leaves out keep their
   * value.
   */
  static EndpointSpec spec(JsonBody json, Endpoint current) {
    boolean keep = current != null;
    String url =
        keep && !json.has("url") ? current.getUrl() : json.requiredString("url", 2048, null);
    String description =
        keep && !json.has("description")
            ? current.getDescription()
            : emptyToNull(json.optionalString("description", 1024, null));
    List<String> eventTypes =
        keep && !json.has("eventTypes") && !json.has("filterTypes")
            ? current.getEventTypes()
            : eventTypes(json);
    Map<String, String> headers =
        keep && !json.has("headers") ? current.getHeaders() : json.optionalStringMap("headers");
    Integer rateLimit =
        keep && !json.has("throttleRate") && !json.has("rateLimit")
            ? current.getRateLimit()
            : rateLimit(json);
    boolean ordered =
        keep && !json.has("ordered")
            ? current.isOrdered()
            : Boolean.TRUE.equals(json.optionalBoolean("ordered"));
    String uid =
        keep && !json.has("uid") ? current.getUid() : json.optionalString("uid", MAX_UID, UID);
    List<String> channels = keep && !json.has("channels") ? current.getChannels() : channels(json);
    Map<String, String> metadata =
        keep && !isSet(json, "metadata")
            ? JsonFields.stored(current.getMetadata()).entrySet().stream()
                .collect(
                    LinkedHashMap::new,
                    (map, e) -> map.put(e.getKey(), ((JsonString) e.getValue()).getString()),
                    Map::putAll)
            : Metadata.read(json);
    return new EndpointSpec(
        url, description, eventTypes, headers, rateLimit, ordered, uid, channels, metadata);
  }

  private static String emptyToNull(String text) {
    return text == null || text.isEmpty() ? null : text;
  }

  /** {@code eventTypes}, or {@code filterTypes} (its older name); both given must agree. */
  private static List<String> eventTypes(JsonBody json) {
    List<String> eventTypes =
        json.optionalStrings("eventTypes", MAX_EVENT_TYPES, 256, EVENT_TYPE_FILTER);
    List<String> filterTypes =
        json.optionalStrings("filterTypes", MAX_EVENT_TYPES, 256, EVENT_TYPE_FILTER);
    if (isSet(json, "eventTypes")
        && isSet(json, "filterTypes")
        && !new HashSet<>(eventTypes).equals(new HashSet<>(filterTypes))) {
      throw Refusal.invalidField(
          "filterTypes", "differs from eventTypes; they are one field, give one of them");
    }
    return distinct("eventTypes", isSet(json, "eventTypes") ? eventTypes : filterTypes);
  }

  /** {@code throttleRate}, or {@code rateLimit} (its older name); both given must agree. */
  private static Integer rateLimit(JsonBody json) {
    Integer throttleRate = json.optionalInteger("throttleRate", 1, MAX_THROTTLE);
    Integer rateLimit = json.optionalInteger("rateLimit", 1, MAX_THROTTLE);
    if (throttleRate != null && rateLimit != null && !throttleRate.equals(rateLimit)) {
      throw Refusal.invalidField(
          "rateLimit", "differs from throttleRate; they are one field, give one of them");
    }
    return throttleRate != null ? throttleRate : rateLimit;
  }

  private static List<String> channels(JsonBody json) {
    return distinct("channels", json.optionalStrings("channels", MAX_CHANNELS, 128, CHANNEL));
  }

  /** The list as given; a 422 naming the field when an item repeats. */
  private static List<String> distinct(String field, List<String> items) {
    List<String> seen = new ArrayList<>();
    for (String item : items) {
      if (seen.contains(item)) {
        throw Refusal.invalidField(field, "holds '" + item + "' twice");
      }
      seen.add(item);
    }
    return items;
  }

  private static boolean isSet(JsonBody json, String field) {
    return json.has(field) && json.value(field).getValueType() != JsonValue.ValueType.NULL;
  }

  /** The headers without the values of sensitive ones. */
  private static JsonObject shownHeaders(Map<String, String> headers) {
    JsonObjectBuilder shown = Jsons.createObjectBuilder();
    headers.forEach(
        (name, value) -> {
          if (!CustomHeaders.sensitive(name)) {
            shown.add(name, value);
          }
        });
    return shown.build();
  }

  /**
   * Svix's EndpointOut and Hookline's fields beside it; never the secret nor the headers (each has
   * its own resource).
   */
  static JsonObject view(Endpoint endpoint) {
    JsonObjectBuilder json = Jsons.createObjectBuilder().add("id", endpoint.getId());
    addNullable(json, "uid", endpoint.getUid());
    json.add("url", endpoint.getUrl())
        .add("description", Optional.ofNullable(endpoint.getDescription()).orElse(""))
        .add("disabled", !endpoint.isEnabled());
    List<String> eventTypes = endpoint.getEventTypes();
    if (eventTypes.isEmpty()) {
      json.addNull("filterTypes").addNull("eventTypes");
    } else {
      json.add("filterTypes", Jsons.createArrayBuilder(eventTypes))
          .add("eventTypes", Jsons.createArrayBuilder(eventTypes));
    }
    List<String> channels = endpoint.getChannels();
    if (channels.isEmpty()) {
      json.addNull("channels");
    } else {
      json.add("channels", Jsons.createArrayBuilder(channels));
    }
    json.add("metadata", JsonFields.stored(endpoint.getMetadata()));
    addNullable(json, "throttleRate", endpoint.getRateLimit());
    addNullable(json, "rateLimit", endpoint.getRateLimit());
    json.add("version", 1).add("ordered", endpoint.isOrdered());
    return addNullable(json, "disabledReason", endpoint.getDisabledReason())
        .add("createdAt", rfc3339(endpoint.getCreatedAt()))
        .add("updatedAt", rfc3339(endpoint.getUpdatedAt()))
        .build();
  }
}
