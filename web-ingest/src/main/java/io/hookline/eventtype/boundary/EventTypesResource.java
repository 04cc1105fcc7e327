package io.hookline.eventtype.boundary;

import static io.hookline.json.JsonFields.rfc3339;

import io.hookline.api.IdempotentPost;
import io.hookline.api.JsonBody;
import io.hookline.api.SvixLists;
import io.hookline.eventtype.control.EventTypeCatalogue;
import io.hookline.eventtype.entity.EventType;
import io.hookline.json.JsonFields;
import io.hookline.json.Jsons;
import io.hookline.platform.ListPage;
import io.hookline.platform.Refusal;
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
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
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
 * Svix's event types: {@code /api/v1/event-type[/{event_type_name}]}. The admin token changes the
 * catalogue; app tokens read it ({@link io.hookline.api.Access}).
 */
@ApplicationScoped
@Tag(name = "EventType", description = "Event types: the catalogue of what can be sent.")
@Path("v1/event-type")
@Produces(MediaType.APPLICATION_JSON)
public class EventTypesResource {
  /** Svix's pattern for event-type names, feature flags and group names. */
  static final Pattern NAME = Pattern.compile("[a-zA-Z0-9\\-_.]+");

  static final int MAX_NAME = 256;
  static final int MAX_DESCRIPTION = 8192;
  static final int MAX_FLAGS = 64;

  static final String EXAMPLE_IN =
      "{\"name\":\"invoice.paid\",\"description\":\"An invoice was paid\",\"schemas\":{\"1\":{\"type\":\"object\",\"properties\":{\"invoiceId\":{\"type\":\"string\"}},\"required\":[\"invoiceId\"]}},\"groupName\":\"invoice\"}";
  static final String EXAMPLE_OUT =
      "{\"name\":\"invoice.paid\",\"description\":\"An invoice was paid\",\"archived\":false,\"deprecated\":false,\"featureFlag\":null,\"featureFlags\":[],\"groupName\":\"invoice\",\"schemas\":{\"1\":{\"type\":\"object\",\"properties\":{\"invoiceId\":{\"type\":\"string\"}},\"required\":[\"invoiceId\"]}},\"createdAt\":\"2026-11-23T10:00:00.000000Z\",\"updatedAt\":\"2026-11-23T10:00:00.000000Z\"}";

  @Inject EventTypeCatalogue catalogue;
  @Inject IdempotentPost idempotent;

  @Operation(
      summary = "List event types",
      description =
          "The catalogue in name order, Svix's list shape {data, iterator, prevIterator, done}:"
              + " limit (1-250, default 50), iterator (from a previous page), order (ascending by"
              + " default), include_archived, with_content (schemas included).")
  @APIResponse(
      responseCode = "200",
      description = "A page of event types",
      content =
          @Content(
              schema = @Schema(ref = "ListResponseEventTypeOut"),
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "example",
                      value =
                          "{\"data\":["
                              + EXAMPLE_OUT
                              + "],\"iterator\":\"bmludm9pY2UucGFpZA\",\"prevIterator\":\"cGludm9pY2UucGFpZA\",\"done\":true}")))
  @GET
  public JsonObject list(
      @QueryParam("limit") String limit,
      @QueryParam("iterator") String iterator,
      @QueryParam("order") String order,
      @QueryParam("include_archived") String includeArchived,
      @QueryParam("with_content") String withContent) {
    ListPage page = SvixLists.page(limit, iterator, order, ListPage.Order.ASCENDING);
    boolean archived = SvixLists.flag("include_archived", includeArchived, false);
    boolean content = SvixLists.flag("with_content", withContent, false);
    return SvixLists.json(catalogue.list(page, archived), type -> view(type, content));
  }

  @Operation(
      summary = "Create an event type",
      description =
          "201 with the event type. A live name is a 409; an archived one is unarchived with the"
              + " fields given. schemas must hold JSON Schemas per version (422 naming the path"
              + " otherwise).")
  @APIResponse(
      responseCode = "201",
      description = "Created",
      content =
          @Content(
              schema = @Schema(ref = "EventTypeOut"),
              mediaType = "application/json",
              examples = @ExampleObject(name = "example", value = EXAMPLE_OUT)))
  @RequestBody(
      required = true,
      content =
          @Content(
              schema = @Schema(ref = "EventTypeIn"),
              mediaType = "application/json",
              examples = @ExampleObject(name = "example", value = EXAMPLE_IN)))
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response create(
      String body, @Context ContainerRequestContext request, @Context UriInfo uri) {
    return idempotent.answer(
        request,
        body,
        () -> {
          JsonBody json = JsonBody.parse(body);
          String name = json.requiredString("name", MAX_NAME, NAME);
          EventType type = catalogue.create(name, fields(json));
          return Response.created(uri.getAbsolutePathBuilder().path(name).build())
              .entity(view(type, true))
              .build();
        });
  }

  @Operation(summary = "Get an event type", description = "Archived ones too.")
  @APIResponse(
      responseCode = "200",
      description = "The event type",
      content =
          @Content(
              schema = @Schema(ref = "EventTypeOut"),
              mediaType = "application/json",
              examples = @ExampleObject(name = "example", value = EXAMPLE_OUT)))
  @GET
  @Path("{event_type_name}")
  public JsonObject get(@PathParam("event_type_name") String name) {
    return view(catalogue.get(name), true);
  }

  @Operation(
      summary = "Update an event type",
      description = "Replaces every field; creates the event type (201) when there is none.")
  @APIResponse(
      responseCode = "200",
      description = "Updated",
      content =
          @Content(
              schema = @Schema(ref = "EventTypeOut"),
              mediaType = "application/json",
              examples = @ExampleObject(name = "example", value = EXAMPLE_OUT)))
  @APIResponse(
      responseCode = "201",
      description = "Created",
      content =
          @Content(
              schema = @Schema(ref = "EventTypeOut"),
              mediaType = "application/json",
              examples = @ExampleObject(name = "example", value = EXAMPLE_OUT)))
  @RequestBody(
      required = true,
      content =
          @Content(
              schema = @Schema(ref = "EventTypeUpdate"),
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "example",
                      value = "{\"description\":\"An invoice was paid\",\"deprecated\":true}")))
  @PUT
  @Path("{event_type_name}")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response update(@PathParam("event_type_name") String name, String body) {
    checkName(name);
    EventTypeCatalogue.Updated updated = catalogue.update(name, fields(JsonBody.parse(body)));
    return Response.status(updated.created() ? 201 : 200)
        .entity(view(updated.type(), true))
        .build();
  }

  @Operation(
      summary = "Partially update an event type",
      description = "Changes only the members named; null clears schemas, featureFlags, groupName.")
  @APIResponse(
      responseCode = "200",
      description = "Updated",
      content =
          @Content(
              schema = @Schema(ref = "EventTypeOut"),
              mediaType = "application/json",
              examples = @ExampleObject(name = "example", value = EXAMPLE_OUT)))
  @RequestBody(
      required = true,
      content =
          @Content(
              schema = @Schema(ref = "EventTypePatch"),
              mediaType = "application/json",
              examples = @ExampleObject(name = "example", value = "{\"deprecated\":true}")))
  @PATCH
  @Path("{event_type_name}")
  @Consumes(MediaType.APPLICATION_JSON)
  public JsonObject patch(@PathParam("event_type_name") String name, String body) {
    JsonBody json = JsonBody.parse(body);
    Optional<List<String>> flags = null;
    if (json.has("featureFlags") || json.has("featureFlag")) {
      List<String> named = featureFlags(json);
      flags = named.isEmpty() ? Optional.empty() : Optional.of(named);
    }
    EventTypeCatalogue.Changes changes =
        new EventTypeCatalogue.Changes(
            json.has("description") ? description(json, false) : null,
            json.optionalBoolean("archived"),
            json.optionalBoolean("deprecated"),
            json.has("schemas") ? Optional.ofNullable(schemas(json)) : null,
            flags,
            json.has("groupName")
                ? Optional.ofNullable(json.optionalString("groupName", MAX_NAME, NAME))
                : null);
    return view(catalogue.patch(name, changes), true);
  }

  @Operation(
      summary = "Delete an event type",
      description =
          "Archives it (204): it stays readable and is listed with include_archived=true;"
              + " creating it again unarchives it. expunge=true removes it for good.")
  @APIResponse(responseCode = "204", description = "Archived or removed")
  @DELETE
  @Path("{event_type_name}")
  public Response delete(
      @PathParam("event_type_name") String name, @QueryParam("expunge") String expunge) {
    catalogue.delete(name, SvixLists.flag("expunge", expunge, false));
    return Response.noContent().build();
  }

  private static void checkName(String name) {
    if (name.length() > MAX_NAME || !NAME.matcher(name).matches()) {
      throw new Refusal(
          Refusal.Kind.INVALID,
          "invalid-field",
          "Invalid field",
          "event_type_name must match " + NAME.pattern() + " and be at most 256 characters",
          "event_type_name",
          Refusal.Location.PATH);
    }
  }

  private static EventTypeCatalogue.Fields fields(JsonBody json) {
    Boolean archived = json.optionalBoolean("archived");
    Boolean deprecated = json.optionalBoolean("deprecated");
    return new EventTypeCatalogue.Fields(
        description(json, true),
        schemas(json),
        archived != null && archived,
        deprecated != null && deprecated,
        featureFlags(json),
        json.optionalString("groupName", MAX_NAME, NAME));
  }

  /** The description: a string, empty allowed (as Svix); required on create and full update. */
  private static String description(JsonBody json, boolean required) {
    JsonValue value = json.value("description");
    if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
      if (required) {
        throw Refusal.invalidField("description", "is required");
      }
      throw Refusal.invalidField("description", "must be a string");
    }
    if (value.getValueType() != JsonValue.ValueType.STRING) {
      throw Refusal.invalidField("description", "must be a string");
    }
    String text = ((JsonString) value).getString();
    if (text.length() > MAX_DESCRIPTION) {
      throw Refusal.invalidField(
          "description", "must be at most " + MAX_DESCRIPTION + " characters");
    }
    return text;
  }

  private static JsonObject schemas(JsonBody json) {
    JsonValue value = json.value("schemas");
    if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
      return null;
    }
    return json.requiredObject("schemas");
  }

  /** {@code featureFlags}, with Svix's older single {@code featureFlag} added; in order, once. */
  private static List<String> featureFlags(JsonBody json) {
    LinkedHashSet<String> flags =
        new LinkedHashSet<>(json.optionalStrings("featureFlags", MAX_FLAGS, MAX_NAME, NAME));
    String single = json.optionalString("featureFlag", MAX_NAME, NAME);
    if (single != null) {
      flags.add(single);
    }
    return new ArrayList<>(flags);
  }

  static JsonObject view(EventType type, boolean withContent) {
    JsonArrayBuilder flags = Jsons.createArrayBuilder();
    type.getFeatureFlags().forEach(flags::add);
    List<String> flagList = type.getFeatureFlags();
    JsonObjectBuilder json =
        Jsons.createObjectBuilder()
            .add("name", type.getName())
            .add("description", type.getDescription())
            .add("archived", type.isArchived())
            .add("deprecated", type.isDeprecated());
    JsonFields.addNullable(json, "featureFlag", flagList.isEmpty() ? null : flagList.get(0));
    json.add("featureFlags", flags);
    JsonFields.addNullable(json, "groupName", type.getGroupName());
    if (withContent && type.getSchemas() != null) {
      json.add("schemas", JsonFields.stored(type.getSchemas()));
    } else {
      json.addNull("schemas");
    }
    return json.add("createdAt", rfc3339(type.getCreatedAt()))
        .add("updatedAt", rfc3339(type.getUpdatedAt()))
        .build();
  }
}
