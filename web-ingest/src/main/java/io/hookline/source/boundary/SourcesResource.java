package io.hookline.source.boundary;

import static io.hookline.json.JsonFields.addNullable;

import io.hookline.api.JsonBody;
import io.hookline.api.Paging;
import io.hookline.api.SvixLists;
import io.hookline.inbound.control.InboundEvents;
import io.hookline.inbound.entity.InboundEvent;
import io.hookline.json.JsonFields;
import io.hookline.json.Jsons;
import io.hookline.message.entity.Message;
import io.hookline.platform.ListPage;
import io.hookline.platform.Refusal;
import io.hookline.source.control.SourceSpec;
import io.hookline.source.control.Sources;
import io.hookline.source.entity.Source;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
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
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@ApplicationScoped
@Tag(name = "Source", description = "Inbound sources: providers posting to Hookline.")
@Path("v1/source")
@Produces(MediaType.APPLICATION_JSON)
public class SourcesResource {
  /** A source as the API shows it, for the OpenAPI examples. */
  static final String SOURCE_EXAMPLE =
      "{\"id\":\"src_01JD2QC4\",\"name\":\"GitHub acme\",\"type\":\"github\",\"mode\":\"forward\",\"ingestUrl\":\"https://hookline.example.com/ingest/src_01JD2QC4\",\"config\":{},\"hasSecret\":true,\"unauthenticated\":false,\"forward\":{\"app\":\"app_01JD2Q8ZK3X9V4T6W8Y0B2C4D6\",\"eventTypePrefix\":null},\"createdAt\":\"2026-11-23T10:00:00Z\",\"updatedAt\":\"2026-11-23T10:00:00Z\"}";

  static final Pattern PREFIX = io.hookline.platform.EventTypes.PATTERN;
  @Inject Sources sources;
  @Inject InboundEvents events;

  @Operation(
      summary = "Create an inbound source",
      description =
          "A provider posting to POST /ingest/{source}: github, gitlab, stripe, shopify, slack, standard-webhooks, hmac, basic, api-key or generic. The secret is stored encrypted; a standard-webhooks source without one gets a generated secret, shown in this answer only. Only a generic source may go without a secret, and only when created with unauthenticated: true (anyone who knows its URL can then post to it); otherwise 422 naming secret. mode forward sends each event on as a message of forward.app.")
  @APIResponse(
      responseCode = "201",
      description = "Create an inbound source: done",
      content =
          @Content(
              schema = @Schema(ref = "SourceOut"),
              mediaType = "application/json",
              examples = @ExampleObject(name = "example", value = SOURCE_EXAMPLE)))
  @RequestBody(
      required = true,
      content =
          @Content(
              schema = @Schema(ref = "SourceIn"),
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "example",
                      value =
                          "{\"name\":\"GitHub acme\",\"type\":\"github\",\"secret\":\"the secret set in GitHub\",\"mode\":\"forward\",\"forward\":{\"app\":\"acme\"},\"transform\":{\"pick\":{\"repo\":\"/repository/full_name\",\"ref\":\"/ref\"}}}")))
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response create(String body, @Context UriInfo uri) {
    Sources.Created created = sources.create(spec(JsonBody.parse(body), true));
    JsonObjectBuilder view = Jsons.createObjectBuilder(view(created.source(), uri));
    if (created.generatedSecret() != null) {
      // Shown this once: only its ciphertext is stored.
      view.add("secret", created.generatedSecret());
    }
    return Response.created(uri.getAbsolutePathBuilder().path(created.source().getId()).build())
        .entity(view.build())
        .build();
  }

  @Operation(
      summary = "List inbound sources",
      description =
          "The sources with their ingest URLs, oldest first; Svix's list shape with limit,"
              + " iterator and order.")
  @APIResponse(
      responseCode = "200",
      description = "List inbound sources: done",
      content =
          @Content(
              schema = @Schema(ref = "SourceList"),
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "example",
                      value =
                          "{\"data\":[{\"id\":\"src_01JD2QC4\",\"name\":\"GitHub acme\",\"type\":\"github\",\"mode\":\"forward\",\"ingestUrl\":\"https://hookline.example.com/ingest/src_01JD2QC4\",\"config\":{},\"hasSecret\":true,\"unauthenticated\":false,\"forward\":{\"app\":\"app_01JD2Q8ZK3X9V4T6W8Y0B2C4D6\",\"eventTypePrefix\":null},\"createdAt\":\"2026-11-23T10:00:00Z\",\"updatedAt\":\"2026-11-23T10:00:00Z\"}],\"iterator\":\"bnNyY18wMUpEMlFDNA\",\"prevIterator\":\"cHNyY18wMUpEMlFDNA\",\"done\":true}")))
  @GET
  public JsonObject list(
      @QueryParam("limit") String limit,
      @QueryParam("iterator") String iterator,
      @QueryParam("order") String order,
      @Context UriInfo uri) {
    ListPage page = SvixLists.page(limit, iterator, order, ListPage.Order.ASCENDING);
    return SvixLists.json(sources.list(page), source -> view(source, uri));
  }

  @Operation(summary = "Get an inbound source", description = "One source; never its secret.")
  @APIResponse(
      responseCode = "200",
      description = "Get an inbound source: done",
      content =
          @Content(
              schema = @Schema(ref = "SourceOut"),
              mediaType = "application/json",
              examples = @ExampleObject(name = "example", value = SOURCE_EXAMPLE)))
  @GET
  @Path("{source}")
  public JsonObject get(@PathParam("source") String id, @Context UriInfo uri) {
    return view(sources.find(id), uri);
  }

  /** Replaces what a client sets (fields left out are cleared); a secret left out is kept. */
  @Operation(
      summary = "Replace an inbound source",
      description =
          "Sets name, config, mode, forward and transform (left out = cleared); a secret given replaces the old one; the type cannot change.")
  @APIResponse(
      responseCode = "200",
      description = "Replace an inbound source: done",
      content =
          @Content(
              schema = @Schema(ref = "SourceOut"),
              mediaType = "application/json",
              examples = @ExampleObject(name = "example", value = SOURCE_EXAMPLE)))
  @RequestBody(
      required = true,
      content =
          @Content(
              schema = @Schema(ref = "SourceReplaceIn"),
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "example",
                      value = "{\"name\":\"GitHub acme\",\"mode\":\"store\"}")))
  @PUT
  @Path("{source}")
  @Consumes(MediaType.APPLICATION_JSON)
  public JsonObject replace(@PathParam("source") String id, String body, @Context UriInfo uri) {
    return view(sources.replace(id, spec(JsonBody.parse(body), false)), uri);
  }

  @Operation(
      summary = "Delete an inbound source",
      description = "Its events go; its audit rows stay.")
  @APIResponse(responseCode = "204", description = "Delete an inbound source: done")
  @DELETE
  @Path("{source}")
  public Response delete(@PathParam("source") String id) {
    sources.delete(id);
    return Response.noContent().build();
  }

  /** Newest first by default, paged as Svix pages lists. */
  @Operation(
      summary = "List a source's events",
      description =
          "Newest first (order=ascending for oldest first), filtered by type, since and until"
              + " (RFC 3339); Svix's list shape {data, iterator, prevIterator, done} with limit"
              + " (1-250, default 50) and iterator.")
  @APIResponse(
      responseCode = "200",
      description = "List a source's events: done",
      content =
          @Content(
              schema = @Schema(ref = "ListSourceEventOut"),
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "example",
                      value =
                          "{\"data\":[{\"id\":\"evt_01JD2QD5\",\"sourceId\":\"src_01JD2QC4\",\"providerId\":\"72d3162e-cc78-11e3-81ab-4c9367dc0958\",\"eventType\":\"github.push\",\"bodySha256\":\"5e88...\",\"messageId\":\"msg_01JD2QA2B3C4D5E6F7G8H9J0K1\",\"transformError\":null,\"payload\":{\"ref\":\"refs/heads/main\"},\"receivedAt\":\"2026-11-23T10:00:00Z\"}],\"iterator\":\"bmV2dF8wMUpEMlFENQ\",\"prevIterator\":\"cGV2dF8wMUpEMlFENQ\",\"done\":true}")))
  @GET
  @Path("{source}/event")
  public JsonObject events(
      @PathParam("source") String id,
      @QueryParam("type") String type,
      @QueryParam("since") String since,
      @QueryParam("until") String until,
      @QueryParam("limit") String limit,
      @QueryParam("iterator") String iterator,
      @QueryParam("order") String order) {
    ListPage page = SvixLists.page(limit, iterator, order, ListPage.Order.DESCENDING);
    InboundEvents.Filter filter =
        new InboundEvents.Filter(
            type == null || type.isEmpty() ? null : type,
            Paging.queryTime("since", since),
            Paging.queryTime("until", until));
    return SvixLists.json(events.list(id, filter, page), SourcesResource::summary);
  }

  /** One event with its raw body, byte for byte (as text when it is UTF-8, and as base64). */
  @Operation(
      summary = "Get an event",
      description =
          "One event with its raw body byte for byte (rawBody when UTF-8, rawBodyBase64 always), content type and headers (credential headers are not stored).")
  @APIResponse(
      responseCode = "200",
      description = "Get an event: done",
      content =
          @Content(
              schema = @Schema(ref = "SourceEventOut"),
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "example",
                      value =
                          "{\"id\":\"evt_01JD2QD5\",\"sourceId\":\"src_01JD2QC4\",\"providerId\":\"72d3162e-cc78-11e3-81ab-4c9367dc0958\",\"eventType\":\"github.push\",\"bodySha256\":\"5e88...\",\"messageId\":\"msg_01JD2QA2B3C4D5E6F7G8H9J0K1\",\"transformError\":null,\"payload\":{\"ref\":\"refs/heads/main\"},\"receivedAt\":\"2026-11-23T10:00:00Z\",\"contentType\":\"application/json\",\"rawBody\":\"{\\\"ref\\\": \\\"refs/heads/main\\\"}\",\"rawBodyBase64\":\"eyJyZWYiOiAicmVmcy9oZWFkcy9tYWluIn0=\",\"headers\":{\"x-github-event\":\"push\"}}")))
  @GET
  @Path("{source}/event/{event}")
  public JsonObject event(@PathParam("source") String id, @PathParam("event") String eventId) {
    InboundEvent event = events.find(id, eventId);
    JsonObjectBuilder json = Jsons.createObjectBuilder(summary(event));
    addNullable(json, "contentType", event.getContentType());
    addNullable(json, "rawBody", JsonFields.utf8OrNull(event.getRawBody()));
    return json.add("rawBodyBase64", Base64.getEncoder().encodeToString(event.getRawBody()))
        .add("headers", JsonFields.stored(event.getHeaders()))
        .build();
  }

  @Operation(
      summary = "Replay an event",
      description =
          "Forwards the event again as a new message, reshaped by the source's current transform. 409 for a store-only source.")
  @APIResponse(
      responseCode = "202",
      description = "Replay an event: done",
      content =
          @Content(
              schema = @Schema(ref = "ReplayOut"),
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "example",
                      value =
                          "{\"eventId\":\"evt_01JD2QD5\",\"messageId\":\"msg_01JD2QE6\",\"eventType\":\"github.push\"}")))
  @POST
  @Path("{source}/event/{event}/replay")
  public Response replay(@PathParam("source") String id, @PathParam("event") String eventId) {
    Message message = events.replay(id, eventId);
    return Response.accepted(
            Jsons.createObjectBuilder()
                .add("eventId", eventId)
                .add("messageId", message.getId())
                .add("eventType", message.getEventType())
                .build())
        .build();
  }

  private static SourceSpec spec(JsonBody json, boolean creating) {
    String name = json.requiredString("name", 256, null);
    String type = creating || json.has("type") ? json.requiredString("type", 32, null) : null;
    String secret = json.optionalString("secret", 1024, null);
    JsonObject config = json.has("config") ? json.requiredObject("config") : null;
    JsonObject transform = json.has("transform") ? json.requiredObject("transform") : null;
    String modeText = json.optionalString("mode", 16, null);
    Source.Mode mode;
    try {
      mode =
          modeText == null
              ? Source.Mode.STORE
              : Source.Mode.valueOf(modeText.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw Refusal.invalidField("mode", "must be store or forward");
    }
    String forwardApp = null;
    String prefix = null;
    if (json.has("forward")) {
      JsonBody forward = json.nested("forward");
      forwardApp = forward.requiredString("app", 256, null);
      prefix = forward.optionalString("eventTypePrefix", 64, PREFIX);
    }
    boolean unauthenticated =
        creating && Boolean.TRUE.equals(json.optionalBoolean("unauthenticated"));
    return new SourceSpec(
        name, type, secret, config, mode, forwardApp, prefix, transform, unauthenticated);
  }

  private static JsonObject view(Source source, UriInfo uri) {
    JsonObjectBuilder json =
        Jsons.createObjectBuilder()
            .add("id", source.getId())
            .add("name", source.getName())
            .add("type", source.getType())
            .add("mode", source.getMode().name().toLowerCase(Locale.ROOT))
            .add("ingestUrl", uri.getBaseUri().resolve("../ingest/" + source.getId()).toString())
            .add("config", Sources.config(source))
            .add("hasSecret", source.getSecretCiphertext() != null)
            .add("unauthenticated", Sources.unauthenticated(source));
    if (source.getForwardAppId() != null) {
      JsonObjectBuilder forward = Jsons.createObjectBuilder().add("app", source.getForwardAppId());
      addNullable(forward, "eventTypePrefix", source.getForwardPrefix());
      json.add("forward", forward);
    }
    if (source.getTransform() != null) {
      json.add("transform", JsonFields.stored(source.getTransform()));
    }
    return json.add("createdAt", JsonFields.rfc3339(source.getCreatedAt()))
        .add("updatedAt", JsonFields.rfc3339(source.getUpdatedAt()))
        .build();
  }

  private static JsonObject summary(InboundEvent event) {
    JsonObjectBuilder json =
        Jsons.createObjectBuilder()
            .add("id", event.getId())
            .add("sourceId", event.getSourceId())
            .add("providerId", event.getProviderId())
            .add("eventType", event.getEventType())
            .add("bodySha256", event.getBodySha256());
    addNullable(json, "messageId", event.getMessageId());
    addNullable(json, "transformError", event.getTransformError());
    if (event.getPayload() != null) {
      json.add("payload", JsonFields.stored(event.getPayload()));
    }
    return json.add("receivedAt", JsonFields.rfc3339(event.getReceivedAt())).build();
  }
}
