package io.hookline.endpoint.boundary;

import static io.hookline.api.JsonFields.addNullable;

import io.hookline.api.JsonBody;
import io.hookline.api.Problem;
import io.hookline.deadletter.control.DeadLetters;
import io.hookline.delivery.control.Resender;
import io.hookline.delivery.entity.DeliveryAttempt;
import io.hookline.endpoint.control.EndpointSpec;
import io.hookline.endpoint.control.Endpoints;
import io.hookline.endpoint.entity.Endpoint;
import io.hookline.endpoint.entity.EndpointHealth;
import io.hookline.message.boundary.MessagesResource;
import io.hookline.platform.Timestamps;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

@Path("v1/apps/{app}/endpoints")
@Produces(MediaType.APPLICATION_JSON)
public class EndpointsResource {
  /** Dotted names; a trailing {@code .*} subscribes to everything below a prefix. */
  static final Pattern EVENT_TYPE_FILTER =
      Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*(\\.\\*)?");

  static final int MAX_PAGE = 250;

  @Inject Endpoints endpoints;
  @Inject DeadLetters deadLetters;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response create(@PathParam("app") String app, String body, @Context UriInfo uri) {
    JsonBody json = JsonBody.parse(body);
    Endpoint endpoint =
        endpoints.create(app, spec(json, null), json.optionalString("secret", 200, null));
    return Response.created(uri.getAbsolutePathBuilder().path(endpoint.getId()).build())
        .entity(view(endpoint))
        .build();
  }

  @GET
  public JsonObject list(@PathParam("app") String app) {
    JsonArrayBuilder data = Json.createArrayBuilder();
    endpoints.list(app).forEach(endpoint -> data.add(view(endpoint)));
    return Json.createObjectBuilder().add("data", data).build();
  }

  @GET
  @Path("{endpoint}")
  public JsonObject get(@PathParam("app") String app, @PathParam("endpoint") String endpoint) {
    return view(endpoints.find(app, endpoint));
  }

  /** Replaces what a client sets: fields left out are cleared. */
  @PUT
  @Path("{endpoint}")
  @Consumes(MediaType.APPLICATION_JSON)
  public JsonObject replace(
      @PathParam("app") String app, @PathParam("endpoint") String endpoint, String body) {
    JsonBody json = JsonBody.parse(body);
    Endpoint updated = endpoints.replace(app, endpoint, spec(json, null));
    return view(applyEnabled(app, endpoint, json, updated));
  }

  /** Changes only the fields the body names. */
  @PATCH
  @Path("{endpoint}")
  @Consumes(MediaType.APPLICATION_JSON)
  public JsonObject patch(
      @PathParam("app") String app, @PathParam("endpoint") String endpoint, String body) {
    JsonBody json = JsonBody.parse(body);
    Endpoint updated = endpoints.replace(app, endpoint, spec(json, endpoints.find(app, endpoint)));
    return view(applyEnabled(app, endpoint, json, updated));
  }

  @DELETE
  @Path("{endpoint}")
  public Response delete(@PathParam("app") String app, @PathParam("endpoint") String endpoint) {
    endpoints.delete(app, endpoint);
    return Response.noContent().build();
  }

  @POST
  @Path("{endpoint}/enable")
  public JsonObject enable(@PathParam("app") String app, @PathParam("endpoint") String endpoint) {
    return view(endpoints.setEnabled(app, endpoint, true));
  }

  @POST
  @Path("{endpoint}/disable")
  public JsonObject disable(@PathParam("app") String app, @PathParam("endpoint") String endpoint) {
    return view(endpoints.setEnabled(app, endpoint, false));
  }

  /**
   * Re-queues the endpoint's dead and still-failing deliveries created in [since, until): after a
   * subscriber's outage, everything it missed, at once.
   */
  @POST
  @Path("{endpoint}/recover")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response recover(
      @PathParam("app") String app, @PathParam("endpoint") String endpoint, String body) {
    JsonBody json = JsonBody.parse(body);
    OffsetDateTime since = timestamp(json, "since", true);
    OffsetDateTime until = timestamp(json, "until", false);
    if (until == null) {
      until = Timestamps.now().plusSeconds(1);
    }
    if (!since.isBefore(until)) {
      throw Problem.invalidField("until", "must be after since");
    }
    int recovered = deadLetters.recover(app, endpoint, since, until);
    return Response.accepted(
            Json.createObjectBuilder()
                .add("recovered", recovered)
                .add("more", recovered == Resender.RECOVER_LIMIT)
                .build())
        .build();
  }

  private static OffsetDateTime timestamp(JsonBody json, String field, boolean required) {
    String text =
        required ? json.requiredString(field, 64, null) : json.optionalString(field, 64, null);
    if (text == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text);
    } catch (java.time.format.DateTimeParseException e) {
      throw Problem.invalidField(
          field, "must be an ISO-8601 timestamp with an offset, e.g. 2026-11-23T10:00:00Z");
    }
  }

  /**
   * A new signing secret ({@code {"key": "whsec_..."}} to choose it, or an empty body); the old one
   * signs beside it for 24 hours, so each delivery carries both signatures meanwhile.
   */
  @POST
  @Path("{endpoint}/secret/rotate")
  public JsonObject rotateSecret(
      @PathParam("app") String app, @PathParam("endpoint") String endpoint, String body) {
    String key =
        body == null || body.isBlank()
            ? null
            : JsonBody.parse(body).optionalString("key", 200, null);
    return Json.createObjectBuilder()
        .add("key", endpoints.rotateSecret(app, endpoint, key))
        .build();
  }

  /** The circuit breaker's state and the endpoint's figures for the current window. */
  @GET
  @Path("{endpoint}/health")
  public JsonObject health(@PathParam("app") String app, @PathParam("endpoint") String endpoint) {
    EndpointHealth health = endpoints.health(app, endpoint);
    JsonObjectBuilder json =
        Json.createObjectBuilder()
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

  @GET
  @Path("{endpoint}/secret")
  public JsonObject secret(@PathParam("app") String app, @PathParam("endpoint") String endpoint) {
    return Json.createObjectBuilder().add("key", endpoints.secret(app, endpoint)).build();
  }

  /**
   * The endpoint's tries, newest first. {@code next} is the cursor for the following page (pass it
   * as {@code before}), null on the last page.
   */
  @GET
  @Path("{endpoint}/attempts")
  public JsonObject attempts(
      @PathParam("app") String app,
      @PathParam("endpoint") String endpoint,
      @QueryParam("limit") Integer limit,
      @QueryParam("before") String before) {
    int size = limit == null ? 50 : limit;
    if (size < 1 || size > MAX_PAGE) {
      throw Problem.invalidField("limit", "must be between 1 and " + MAX_PAGE);
    }
    Long cursor = null;
    if (before != null) {
      try {
        cursor = Long.valueOf(before);
      } catch (NumberFormatException e) {
        throw Problem.invalidField("before", "must be a cursor from an earlier page's next");
      }
    }
    List<DeliveryAttempt> page = endpoints.attempts(app, endpoint, cursor, size + 1);
    JsonArrayBuilder data = Json.createArrayBuilder();
    page.stream().limit(size).forEach(attempt -> data.add(MessagesResource.attemptView(attempt)));
    JsonObjectBuilder json = Json.createObjectBuilder().add("data", data);
    return addNullable(
            json, "next", page.size() > size ? page.get(size - 1).getId().toString() : null)
        .build();
  }

  /** The spec in the body; with {@code current}, fields the body leaves out keep their value. */
  private static EndpointSpec spec(JsonBody json, Endpoint current) {
    boolean keep = current != null;
    String url =
        keep && !json.has("url") ? current.getUrl() : json.requiredString("url", 2048, null);
    String description =
        keep && !json.has("description")
            ? current.getDescription()
            : json.optionalString("description", 1024, null);
    List<String> eventTypes =
        keep && !json.has("eventTypes")
            ? current.getEventTypes()
            : json.optionalStrings("eventTypes", 100, 256, EVENT_TYPE_FILTER);
    Map<String, String> headers =
        keep && !json.has("headers") ? current.getHeaders() : json.optionalStringMap("headers");
    Integer rateLimit =
        keep && !json.has("rateLimit")
            ? current.getRateLimit()
            : json.optionalInteger("rateLimit", 1, 100_000);
    boolean ordered =
        keep && !json.has("ordered")
            ? current.isOrdered()
            : Boolean.TRUE.equals(json.optionalBoolean("ordered"));
    return new EndpointSpec(url, description, eventTypes, headers, rateLimit, ordered);
  }

  private Endpoint applyEnabled(String app, String endpoint, JsonBody json, Endpoint updated) {
    Boolean enabled = json.optionalBoolean("enabled");
    return enabled == null || enabled == updated.isEnabled()
        ? updated
        : endpoints.setEnabled(app, endpoint, enabled);
  }

  /** Never includes the secret: that has its own resource. */
  static JsonObject view(Endpoint endpoint) {
    JsonObjectBuilder json =
        Json.createObjectBuilder().add("id", endpoint.getId()).add("url", endpoint.getUrl());
    JsonObjectBuilder headers = Json.createObjectBuilder();
    endpoint.getHeaders().forEach(headers::add);
    addNullable(json, "description", endpoint.getDescription())
        .add("eventTypes", Json.createArrayBuilder(endpoint.getEventTypes()))
        .add("headers", headers)
        .add("enabled", endpoint.isEnabled());
    addNullable(json, "rateLimit", endpoint.getRateLimit());
    json.add("ordered", endpoint.isOrdered());
    return addNullable(json, "disabledReason", endpoint.getDisabledReason())
        .add("createdAt", endpoint.getCreatedAt().toString())
        .build();
  }
}
