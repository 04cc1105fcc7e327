package io.hookline.source.boundary;

import static io.hookline.api.JsonFields.addNullable;

import io.hookline.api.JsonBody;
import io.hookline.api.JsonFields;
import io.hookline.api.Problem;
import io.hookline.ingest.control.InboundEvents;
import io.hookline.ingest.entity.InboundEvent;
import io.hookline.message.entity.Message;
import io.hookline.source.control.SourceSpec;
import io.hookline.source.control.Sources;
import io.hookline.source.entity.Source;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
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
import java.io.StringReader;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

@Path("v1/sources")
@Produces(MediaType.APPLICATION_JSON)
public class SourcesResource {
  static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*");
  static final int MAX_PAGE = 250;

  @Inject Sources sources;
  @Inject InboundEvents events;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response create(String body, @Context UriInfo uri) {
    Sources.Created created = sources.create(spec(JsonBody.parse(body), true));
    JsonObjectBuilder view = Json.createObjectBuilder(view(created.source(), uri));
    if (created.generatedSecret() != null) {
      // Shown this once: only its ciphertext is stored.
      view.add("secret", created.generatedSecret());
    }
    return Response.created(uri.getAbsolutePathBuilder().path(created.source().getId()).build())
        .entity(view.build())
        .build();
  }

  @GET
  public JsonObject list(@Context UriInfo uri) {
    JsonArrayBuilder data = Json.createArrayBuilder();
    sources.list().forEach(source -> data.add(view(source, uri)));
    return Json.createObjectBuilder().add("data", data).build();
  }

  @GET
  @Path("{source}")
  public JsonObject get(@PathParam("source") String id, @Context UriInfo uri) {
    return view(sources.find(id), uri);
  }

  /** Replaces what a client sets (fields left out are cleared); a secret left out is kept. */
  @PUT
  @Path("{source}")
  @Consumes(MediaType.APPLICATION_JSON)
  public JsonObject replace(@PathParam("source") String id, String body, @Context UriInfo uri) {
    return view(sources.replace(id, spec(JsonBody.parse(body), false)), uri);
  }

  @DELETE
  @Path("{source}")
  public Response delete(@PathParam("source") String id) {
    sources.delete(id);
    return Response.noContent().build();
  }

  /** Newest first; pass {@code next} as {@code before} for the following page. */
  @GET
  @Path("{source}/events")
  public JsonObject events(
      @PathParam("source") String id,
      @QueryParam("type") String type,
      @QueryParam("since") String since,
      @QueryParam("until") String until,
      @QueryParam("limit") Integer limit,
      @QueryParam("before") String before) {
    int size = pageSize(limit);
    List<InboundEvent> page =
        events.list(
            id,
            new InboundEvents.Filter(type, time("since", since), time("until", until), before),
            size + 1);
    JsonArrayBuilder data = Json.createArrayBuilder();
    page.stream().limit(size).forEach(event -> data.add(summary(event)));
    JsonObjectBuilder json = Json.createObjectBuilder().add("data", data);
    return addNullable(json, "next", page.size() > size ? page.get(size - 1).getId() : null)
        .build();
  }

  /** One event with its raw body, byte for byte (as text when it is UTF-8, and as base64). */
  @GET
  @Path("{source}/events/{event}")
  public JsonObject event(@PathParam("source") String id, @PathParam("event") String eventId) {
    InboundEvent event = events.find(id, eventId);
    JsonObjectBuilder json = Json.createObjectBuilder(summary(event));
    addNullable(json, "contentType", event.getContentType());
    addNullable(json, "rawBody", JsonFields.utf8OrNull(event.getRawBody()));
    return json.add("rawBodyBase64", Base64.getEncoder().encodeToString(event.getRawBody()))
        .add("headers", Json.createReader(new StringReader(event.getHeaders())).readObject())
        .build();
  }

  @POST
  @Path("{source}/events/{event}/replay")
  public Response replay(@PathParam("source") String id, @PathParam("event") String eventId) {
    Message message = events.replay(id, eventId);
    return Response.accepted(
            Json.createObjectBuilder()
                .add("eventId", eventId)
                .add("messageId", message.getId())
                .add("eventType", message.getEventType())
                .build())
        .build();
  }

  static int pageSize(Integer limit) {
    int size = limit == null ? 50 : limit;
    if (size < 1 || size > MAX_PAGE) {
      throw Problem.invalidField("limit", "must be between 1 and " + MAX_PAGE);
    }
    return size;
  }

  static OffsetDateTime time(String field, String text) {
    if (text == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text);
    } catch (DateTimeParseException e) {
      throw Problem.invalidField(
          field, "must be an RFC 3339 date-time such as 2026-01-31T12:00:00Z");
    }
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
      throw Problem.invalidField("mode", "must be store or forward");
    }
    String forwardApp = null;
    String prefix = null;
    if (json.has("forward")) {
      JsonBody forward = json.nested("forward");
      forwardApp = forward.requiredString("app", 256, null);
      prefix = forward.optionalString("eventTypePrefix", 64, PREFIX);
    }
    return new SourceSpec(name, type, secret, config, mode, forwardApp, prefix, transform);
  }

  private static JsonObject view(Source source, UriInfo uri) {
    JsonObjectBuilder json =
        Json.createObjectBuilder()
            .add("id", source.getId())
            .add("name", source.getName())
            .add("type", source.getType())
            .add("mode", source.getMode().name().toLowerCase(Locale.ROOT))
            .add("ingestUrl", uri.getBaseUri().resolve("../ingest/" + source.getId()).toString())
            .add("config", Sources.config(source))
            .add("hasSecret", source.getSecretCiphertext() != null);
    if (source.getForwardAppId() != null) {
      JsonObjectBuilder forward = Json.createObjectBuilder().add("app", source.getForwardAppId());
      addNullable(forward, "eventTypePrefix", source.getForwardPrefix());
      json.add("forward", forward);
    }
    if (source.getTransform() != null) {
      json.add(
          "transform", Json.createReader(new StringReader(source.getTransform())).readObject());
    }
    return json.add("createdAt", source.getCreatedAt().toString())
        .add("updatedAt", source.getUpdatedAt().toString())
        .build();
  }

  private static JsonObject summary(InboundEvent event) {
    JsonObjectBuilder json =
        Json.createObjectBuilder()
            .add("id", event.getId())
            .add("sourceId", event.getSourceId())
            .add("providerId", event.getProviderId())
            .add("eventType", event.getEventType())
            .add("bodySha256", event.getBodySha256());
    addNullable(json, "messageId", event.getMessageId());
    addNullable(json, "transformError", event.getTransformError());
    if (event.getPayload() != null) {
      json.add("payload", Json.createReader(new StringReader(event.getPayload())).readObject());
    }
    return json.add("receivedAt", event.getReceivedAt().toString()).build();
  }
}
