package io.hookline.app.boundary;

import static io.hookline.json.JsonFields.rfc3339;

import io.hookline.api.IdempotentPost;
import io.hookline.api.JsonBody;
import io.hookline.api.SvixLists;
import io.hookline.api.Uids;
import io.hookline.app.control.Apps;
import io.hookline.app.entity.App;
import io.hookline.json.JsonFields;
import io.hookline.json.Jsons;
import io.hookline.platform.ListPage;
import io.hookline.platform.Upsert;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
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
 * Svix's applications: {@code /api/v1/app[/{app_id}]}, where {@code app_id} is the id or the uid.
 * The admin token does everything; an app token reads its own app and nothing else ({@link
 * io.hookline.api.Access}).
 */
@ApplicationScoped
@Tag(
    name = "Application",
    description = "Applications: the senders whose messages Hookline delivers.")
@Path("v1/app")
@Produces(MediaType.APPLICATION_JSON)
public class AppsResource {
  static final Pattern UID = Uids.APP;

  static final int MAX_NAME = 256;
  static final int MAX_UID = Uids.MAX;

  /**
   * Svix's throttleRate is a uint16: deliveries per second to the app's endpoints together, null
   * (or 0) for none.
   */
  static final int MAX_THROTTLE = 65535;

  static final String EXAMPLE_IN =
      "{\"name\":\"Acme\",\"uid\":\"acme\",\"metadata\":{\"plan\":\"pro\"},\"throttleRate\":100}";
  static final String EXAMPLE_OUT =
      "{\"id\":\"app_01JD2Q8ZK3X9V4T6W8Y0B2C4D6\",\"uid\":\"acme\",\"name\":\"Acme\",\"metadata\":{\"plan\":\"pro\"},\"throttleRate\":100,\"createdAt\":\"2026-11-23T10:00:00.000000Z\",\"updatedAt\":\"2026-11-23T10:00:00.000000Z\"}";

  @Inject Apps apps;
  @Inject IdempotentPost idempotent;

  @Operation(
      summary = "List applications",
      description =
          "Oldest first by default; Svix's list shape {data, iterator, prevIterator, done} with"
              + " limit (1-250, default 50), iterator and order (ascending or descending).")
  @APIResponse(
      responseCode = "200",
      description = "A page of applications",
      content =
          @Content(
              schema = @Schema(ref = "ListResponseApplicationOut"),
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "example",
                      value =
                          "{\"data\":["
                              + EXAMPLE_OUT
                              + "],\"iterator\":\"bmFwcF8wMUpEMlE4WkszWDlWNFQ2VzhZMEIyQzRENg\",\"prevIterator\":\"cGFwcF8wMUpEMlE4WkszWDlWNFQ2VzhZMEIyQzRENg\",\"done\":true}")))
  @GET
  public JsonObject list(
      @QueryParam("limit") String limit,
      @QueryParam("iterator") String iterator,
      @QueryParam("order") String order) {
    ListPage page = SvixLists.page(limit, iterator, order, ListPage.Order.ASCENDING);
    return SvixLists.json(apps.list(page), AppsResource::view);
  }

  @Operation(
      summary = "Create an application",
      description =
          "201 with the application; a taken uid is a 409, or with get_if_exists=true a 200 with"
              + " the application holding it. An idempotency-key header makes a retry answer the"
              + " first answer again (Idempotent-Replayed: true). throttleRate limits the"
              + " deliveries per second to all of the app's endpoints together (null or 0: no"
              + " limit).")
  @APIResponse(
      responseCode = "201",
      description = "Created",
      content =
          @Content(
              schema = @Schema(ref = "ApplicationOut"),
              mediaType = "application/json",
              examples = @ExampleObject(name = "example", value = EXAMPLE_OUT)))
  @APIResponse(
      responseCode = "200",
      description = "Found by uid (get_if_exists=true)",
      content =
          @Content(
              schema = @Schema(ref = "ApplicationOut"),
              mediaType = "application/json",
              examples = @ExampleObject(name = "example", value = EXAMPLE_OUT)))
  @RequestBody(
      required = true,
      content =
          @Content(
              schema = @Schema(ref = "ApplicationIn"),
              mediaType = "application/json",
              examples = @ExampleObject(name = "example", value = EXAMPLE_IN)))
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response create(
      String body,
      @QueryParam("get_if_exists") String getIfExists,
      @Context ContainerRequestContext request,
      @Context UriInfo uri) {
    return idempotent.answer(
        request,
        body,
        () -> {
          Apps.Fields fields = fields(JsonBody.parse(body));
          boolean orGet = SvixLists.flag("get_if_exists", getIfExists, false);
          Upsert.Outcome<App> outcome = apps.create(fields, orGet);
          return (outcome.created()
                  ? Response.created(
                      uri.getAbsolutePathBuilder().path(outcome.entity().getId()).build())
                  : Response.ok())
              .entity(view(outcome.entity()))
              .build();
        });
  }

  @Operation(summary = "Get an application", description = "By its id or its uid.")
  @APIResponse(
      responseCode = "200",
      description = "The application",
      content =
          @Content(
              schema = @Schema(ref = "ApplicationOut"),
              mediaType = "application/json",
              examples = @ExampleObject(name = "example", value = EXAMPLE_OUT)))
  @GET
  @Path("{app_id}")
  public JsonObject get(@PathParam("app_id") String app) {
    return view(apps.find(app));
  }

  @Operation(
      summary = "Update an application",
      description =
          "Replaces every field (metadata and throttleRate left out are cleared; the uid is kept"
              + " unless the body gives `uid`, and `\"uid\": null` clears it); creates the"
              + " application (201) when app_id is a uid that names none, with app_id as its uid"
              + " unless the body gives one. An app id that names none is a 404.")
  @APIResponse(
      responseCode = "200",
      description = "Updated",
      content =
          @Content(
              schema = @Schema(ref = "ApplicationOut"),
              mediaType = "application/json",
              examples = @ExampleObject(name = "example", value = EXAMPLE_OUT)))
  @APIResponse(
      responseCode = "201",
      description = "Created",
      content =
          @Content(
              schema = @Schema(ref = "ApplicationOut"),
              mediaType = "application/json",
              examples = @ExampleObject(name = "example", value = EXAMPLE_OUT)))
  @RequestBody(
      required = true,
      content =
          @Content(
              schema = @Schema(ref = "ApplicationIn"),
              mediaType = "application/json",
              examples = @ExampleObject(name = "example", value = EXAMPLE_IN)))
  @PUT
  @Path("{app_id}")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response update(@PathParam("app_id") String app, String body) {
    Uids.checkPath("app_id", app, "app_", "an app", UID);
    JsonBody json = JsonBody.parse(body);
    Upsert.Outcome<App> outcome = apps.update(app, fields(json), !json.has("uid"));
    return Response.status(outcome.created() ? 201 : 200).entity(view(outcome.entity())).build();
  }

  @Operation(
      summary = "Partially update an application",
      description =
          "Changes only the members named; null clears uid and throttleRate and leaves name and"
              + " metadata as they are.")
  @APIResponse(
      responseCode = "200",
      description = "Updated",
      content =
          @Content(
              schema = @Schema(ref = "ApplicationOut"),
              mediaType = "application/json",
              examples = @ExampleObject(name = "example", value = EXAMPLE_OUT)))
  @RequestBody(
      required = true,
      content =
          @Content(
              schema = @Schema(ref = "ApplicationPatch"),
              mediaType = "application/json",
              examples =
                  @ExampleObject(name = "example", value = "{\"metadata\":{\"plan\":\"team\"}}")))
  @PATCH
  @Path("{app_id}")
  @Consumes(MediaType.APPLICATION_JSON)
  public JsonObject patch(@PathParam("app_id") String app, String body) {
    JsonBody json = JsonBody.parse(body);
    Apps.Changes changes =
        new Apps.Changes(
            json.optionalString("name", MAX_NAME, null),
            json.has("uid") ? Optional.ofNullable(json.optionalString("uid", MAX_UID, UID)) : null,
            present(json, "metadata") ? metadata(json) : null,
            json.has("throttleRate")
                ? Optional.ofNullable(json.optionalInteger("throttleRate", 0, MAX_THROTTLE))
                : null);
    return view(apps.patch(app, changes));
  }

  @Operation(
      summary = "Delete an application",
      description =
          "204; the app's tokens go with it. An app that still has endpoints or messages, or that"
              + " an inbound source forwards to, is kept and answered with 409.")
  @APIResponse(responseCode = "204", description = "Deleted")
  @APIResponse(responseCode = "409", description = "The app still holds endpoints or messages")
  @DELETE
  @Path("{app_id}")
  public Response delete(@PathParam("app_id") String app) {
    apps.delete(app);
    return Response.noContent().build();
  }

  private static Map<String, String> metadata(JsonBody json) {
    return io.hookline.api.Metadata.read(json);
  }

  /** Whether the member is given and not null (a null name or metadata leaves it as it is). */
  private static boolean present(JsonBody json, String field) {
    return json.has(field) && json.value(field).getValueType() != JsonValue.ValueType.NULL;
  }

  private static Apps.Fields fields(JsonBody json) {
    String name = json.requiredString("name", MAX_NAME, null);
    if (name.isEmpty()) {
      throw io.hookline.platform.Refusal.invalidField("name", "must not be empty");
    }
    Map<String, String> metadata = metadata(json);
    return new Apps.Fields(
        name,
        json.optionalString("uid", MAX_UID, UID),
        metadata,
        json.optionalInteger("throttleRate", 0, MAX_THROTTLE));
  }

  static JsonObject view(App app) {
    JsonObjectBuilder json =
        Jsons.createObjectBuilder().add("id", app.getId()).add("name", app.getName());
    JsonFields.addNullable(json, "uid", app.getUid());
    json.add("metadata", JsonFields.stored(app.getMetadata()));
    JsonFields.addNullable(json, "throttleRate", app.getThrottleRate());
    return json.add("createdAt", rfc3339(app.getCreatedAt()))
        .add("updatedAt", rfc3339(app.getUpdatedAt()))
        .build();
  }
}
