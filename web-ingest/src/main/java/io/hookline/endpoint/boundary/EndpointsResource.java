package io.hookline.endpoint.boundary;

import static io.hookline.json.JsonFields.addNullable;

import io.hookline.api.JsonBody;
import io.hookline.deadletter.control.DeadLetters;
import io.hookline.delivery.service.DeliveryService;
import io.hookline.endpoint.control.EndpointSpec;
import io.hookline.endpoint.control.Endpoints;
import io.hookline.endpoint.entity.Endpoint;
import io.hookline.endpoint.entity.EndpointHealth;
import io.hookline.json.Jsons;
import io.hookline.platform.Refusal;
import io.hookline.platform.Timestamps;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

@ApplicationScoped
@Path("v1/app/{app_id}/endpoint")
@Produces(MediaType.APPLICATION_JSON)
public class EndpointsResource {
  /** An endpoint as the API shows it, for the OpenAPI examples. */
  static final String ENDPOINT_EXAMPLE =
      "{\"id\":\"ep_01JD2Q9A1B2C3D4E5F6G7H8J9K\",\"url\":\"https://example.com/webhooks\",\"description\":null,\"eventTypes\":[\"invoice.*\"],\"headers\":{},\"enabled\":true,\"rateLimit\":null,\"ordered\":false,\"disabledReason\":null,\"createdAt\":\"2026-11-23T10:00:00Z\"}";

  /** Dotted names; a trailing {@code .*} subscribes to everything below a prefix. */
  static final Pattern EVENT_TYPE_FILTER =
      Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*(\\.\\*)?");

  @Inject Endpoints endpoints;
  @Inject DeadLetters deadLetters;

  @Operation(
      summary = "Create an endpoint",
      description =
          "A subscriber URL for the app. The URL is checked (https only and no internal addresses, unless the operator allows them). Without `secret`, a `whsec_` secret is generated; read it with GET .../secret.")
  @APIResponse(
      responseCode = "201",
      description = "Create an endpoint: done",
      content =
          @Content(
              mediaType = "application/json",
              examples = @ExampleObject(name = "example", value = ENDPOINT_EXAMPLE)))
  @RequestBody(
      required = true,
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "example",
                      value =
                          "{\"url\":\"https://example.com/webhooks\",\"eventTypes\":[\"invoice.*\"],\"headers\":{\"X-Team\":\"billing\"},\"rateLimit\":10}")))
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response create(@PathParam("app_id") String app, String body, @Context UriInfo uri) {
    JsonBody json = JsonBody.parse(body);
    Endpoint endpoint =
        endpoints.create(app, spec(json, null), json.optionalString("secret", 200, null));
    return Response.created(uri.getAbsolutePathBuilder().path(endpoint.getId()).build())
        .entity(view(endpoint))
        .build();
  }

  @Operation(
      summary = "List endpoints",
      description = "The app's endpoints (deleted ones left out).")
  @APIResponse(
      responseCode = "200",
      description = "List endpoints: done",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "example",
                      value =
                          "{\"data\":[{\"id\":\"ep_01JD2Q9A1B2C3D4E5F6G7H8J9K\",\"url\":\"https://example.com/webhooks\",\"description\":null,\"eventTypes\":[\"invoice.*\"],\"headers\":{},\"enabled\":true,\"rateLimit\":null,\"ordered\":false,\"disabledReason\":null,\"createdAt\":\"2026-11-23T10:00:00Z\"}]}")))
  @GET
  public JsonObject list(@PathParam("app_id") String app) {
    JsonArrayBuilder data = Jsons.createArrayBuilder();
    endpoints.list(app).forEach(endpoint -> data.add(view(endpoint)));
    return Jsons.createObjectBuilder().add("data", data).build();
  }

  @Operation(summary = "Get an endpoint", description = "One endpoint; never its secret.")
  @APIResponse(
      responseCode = "200",
      description = "Get an endpoint: done",
      content =
          @Content(
              mediaType = "application/json",
              examples = @ExampleObject(name = "example", value = ENDPOINT_EXAMPLE)))
  @GET
  @Path("{endpoint_id}")
  public JsonObject get(
      @PathParam("app_id") String app, @PathParam("endpoint_id") String endpoint) {
    return view(endpoints.find(app, endpoint));
  }

  /** Replaces what a client sets: fields left out are cleared. */
  @Operation(
      summary = "Replace an endpoint",
      description =
          "Sets url, description, eventTypes, headers, rateLimit and ordered; fields left out are cleared. `enabled` is optional.")
  @APIResponse(
      responseCode = "200",
      description = "Replace an endpoint: done",
      content =
          @Content(
              mediaType = "application/json",
              examples = @ExampleObject(name = "example", value = ENDPOINT_EXAMPLE)))
  @RequestBody(
      required = true,
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "example",
                      value =
                          "{\"url\":\"https://example.com/webhooks/v2\",\"eventTypes\":[\"invoice.*\",\"customer.created\"]}")))
  @PUT
  @Path("{endpoint_id}")
  @Consumes(MediaType.APPLICATION_JSON)
  public JsonObject replace(
      @PathParam("app_id") String app, @PathParam("endpoint_id") String endpoint, String body) {
    JsonBody json = JsonBody.parse(body);
    Endpoint updated = endpoints.replace(app, endpoint, spec(json, null));
    return view(applyEnabled(app, endpoint, json, updated));
  }

  /** Changes only the fields the body names. */
  @Operation(summary = "Change an endpoint", description = "Changes only the fields given.")
  @APIResponse(
      responseCode = "200",
      description = "Change an endpoint: done",
      content =
          @Content(
              mediaType = "application/json",
              examples = @ExampleObject(name = "example", value = ENDPOINT_EXAMPLE)))
  @RequestBody(
      required = true,
      content =
          @Content(
              mediaType = "application/json",
              examples = @ExampleObject(name = "example", value = "{\"rateLimit\":5}")))
  @PATCH
  @Path("{endpoint_id}")
  @Consumes(MediaType.APPLICATION_JSON)
  public JsonObject patch(
      @PathParam("app_id") String app, @PathParam("endpoint_id") String endpoint, String body) {
    JsonBody json = JsonBody.parse(body);
    Endpoint updated = endpoints.replace(app, endpoint, spec(json, endpoints.find(app, endpoint)));
    return view(applyEnabled(app, endpoint, json, updated));
  }

  @Operation(
      summary = "Delete an endpoint",
      description = "The endpoint gets nothing more and leaves the API; its history stays.")
  @APIResponse(responseCode = "204", description = "Delete an endpoint: done")
  @DELETE
  @Path("{endpoint_id}")
  public Response delete(
      @PathParam("app_id") String app, @PathParam("endpoint_id") String endpoint) {
    endpoints.delete(app, endpoint);
    return Response.noContent().build();
  }

  @Operation(
      summary = "Enable an endpoint",
      description = "Resumes delivery to a disabled endpoint.")
  @APIResponse(
      responseCode = "200",
      description = "Enable an endpoint: done",
      content =
          @Content(
              mediaType = "application/json",
              examples = @ExampleObject(name = "example", value = ENDPOINT_EXAMPLE)))
  @POST
  @Path("{endpoint_id}/enable")
  public JsonObject enable(
      @PathParam("app_id") String app, @PathParam("endpoint_id") String endpoint) {
    return view(endpoints.setEnabled(app, endpoint, true));
  }

  @Operation(
      summary = "Disable an endpoint",
      description = "Stops delivery; pending deliveries end dead at their next try.")
  @APIResponse(
      responseCode = "200",
      description = "Disable an endpoint: done",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "example",
                      value =
                          "{\"id\":\"ep_01JD2Q9A1B2C3D4E5F6G7H8J9K\",\"url\":\"https://example.com/webhooks\",\"description\":null,\"eventTypes\":[\"invoice.*\"],\"headers\":{},\"enabled\":false,\"rateLimit\":null,\"ordered\":false,\"disabledReason\":null,\"createdAt\":\"2026-11-23T10:00:00Z\"}")))
  @POST
  @Path("{endpoint_id}/disable")
  public JsonObject disable(
      @PathParam("app_id") String app, @PathParam("endpoint_id") String endpoint) {
    return view(endpoints.setEnabled(app, endpoint, false));
  }

  /**
   * Re-queues the endpoint's dead and still-failing deliveries created in [since, until): after a
   * subscriber's outage, everything it missed, at once.
   */
  @Operation(
      summary = "Recover failed deliveries",
      description =
          "Re-queues the endpoint's dead and still-failing deliveries created in [since, until), up to 10,000 a call.")
  @APIResponse(
      responseCode = "202",
      description = "Recover failed deliveries: done",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(name = "example", value = "{\"recovered\":12,\"more\":false}")))
  @RequestBody(
      required = true,
      content =
          @Content(
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
      @PathParam("app_id") String app, @PathParam("endpoint_id") String endpoint, String body) {
    JsonBody json = JsonBody.parse(body);
    OffsetDateTime since = timestamp(json, "since", true);
    OffsetDateTime until = timestamp(json, "until", false);
    if (until == null) {
      until = Timestamps.now().plusSeconds(1);
    }
    if (!since.isBefore(until)) {
      throw Refusal.invalidField("until", "must be after since");
    }
    int recovered = deadLetters.recover(app, endpoint, since, until);
    return Response.accepted(
            Jsons.createObjectBuilder()
                .add("recovered", recovered)
                .add("more", recovered == DeliveryService.RECOVER_LIMIT)
                .build())
        .build();
  }

  private static OffsetDateTime timestamp(JsonBody json, String field, boolean required) {
    String text =
        required ? json.requiredString(field, 64, null) : json.optionalString(field, 64, null);
    return io.hookline.api.Paging.time(field, text);
  }

  /**
   * A new signing secret ({@code {"key": "whsec_..."}} to choose it, or an empty body); the old one
   * signs beside it for 24 hours, so each delivery carries both signatures meanwhile.
   */
  @Operation(
      summary = "Rotate the signing secret",
      description =
          "Makes a new secret (generated unless `key` is given); for 24 hours the old one signs too, so webhook-signature carries two v1 entries.")
  @APIResponse(
      responseCode = "200",
      description = "Rotate the signing secret: done",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "example",
                      value = "{\"key\":\"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw\"}")))
  @RequestBody(
      required = true,
      content =
          @Content(
              mediaType = "application/json",
              examples = @ExampleObject(name = "example", value = "{}")))
  @POST
  @Path("{endpoint_id}/secret/rotate")
  public JsonObject rotateSecret(
      @PathParam("app_id") String app, @PathParam("endpoint_id") String endpoint, String body) {
    String key =
        body == null || body.isBlank()
            ? null
            : JsonBody.parse(body).optionalString("key", 200, null);
    return Jsons.createObjectBuilder()
        .add("key", endpoints.rotateSecret(app, endpoint, key))
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
      description = "Get the signing secret: done",
      content =
          @Content(
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
        Jsons.createObjectBuilder().add("id", endpoint.getId()).add("url", endpoint.getUrl());
    JsonObjectBuilder headers = Jsons.createObjectBuilder();
    endpoint.getHeaders().forEach(headers::add);
    addNullable(json, "description", endpoint.getDescription())
        .add("eventTypes", Jsons.createArrayBuilder(endpoint.getEventTypes()))
        .add("headers", headers)
        .add("enabled", endpoint.isEnabled());
    addNullable(json, "rateLimit", endpoint.getRateLimit());
    json.add("ordered", endpoint.isOrdered());
    return addNullable(json, "disabledReason", endpoint.getDisabledReason())
        .add("createdAt", endpoint.getCreatedAt().toString())
        .build();
  }
}
