package io.hookline.app.boundary;

import static io.hookline.json.JsonFields.addNullable;

import io.hookline.api.JsonBody;
import io.hookline.app.control.Apps;
import io.hookline.app.entity.App;
import io.hookline.json.Jsons;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

@ApplicationScoped
@Path("v1/apps")
@Produces(MediaType.APPLICATION_JSON)
public class AppsResource {
  /** An app as the API shows it, for the OpenAPI examples. */
  static final String APP_EXAMPLE =
      "{\"id\":\"app_01JD2Q8ZK3X9V4T6W8Y0B2C4D6\",\"name\":\"Acme\",\"uid\":\"acme\",\"createdAt\":\"2026-11-23T10:00:00Z\"}";

  /** A uid must not look like an id, or {@code {app}} in a path would be ambiguous. */
  static final Pattern UID = Pattern.compile("(?!app_)[A-Za-z0-9][A-Za-z0-9_.-]*");

  @Inject Apps apps;

  @Operation(
      summary = "Create an app",
      description =
          "An app is one tenant: its endpoints and messages. `uid` is your own id for it, usable wherever `{app}` appears. 409 if the uid is taken.")
  @APIResponse(
      responseCode = "201",
      description = "Create an app: done",
      content =
          @Content(
              mediaType = "application/json",
              examples = @ExampleObject(name = "example", value = APP_EXAMPLE)))
  @RequestBody(
      required = true,
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(name = "example", value = "{\"name\":\"Acme\",\"uid\":\"acme\"}")))
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response create(String body, @Context UriInfo uri) {
    JsonBody json = JsonBody.parse(body);
    String name = json.requiredString("name", 256, null);
    String uid = json.optionalString("uid", 256, UID);
    App app = apps.create(name, uid);
    return Response.created(uri.getAbsolutePathBuilder().path(app.getId()).build())
        .entity(view(app))
        .build();
  }

  @Operation(summary = "List apps", description = "Every app, oldest first.")
  @APIResponse(
      responseCode = "200",
      description = "List apps: done",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "example",
                      value =
                          "{\"data\":[{\"id\":\"app_01JD2Q8ZK3X9V4T6W8Y0B2C4D6\",\"name\":\"Acme\",\"uid\":\"acme\",\"createdAt\":\"2026-11-23T10:00:00Z\"}]}")))
  @GET
  public JsonObject list() {
    JsonArrayBuilder data = Jsons.createArrayBuilder();
    apps.list().forEach(app -> data.add(view(app)));
    return Jsons.createObjectBuilder().add("data", data).build();
  }

  @Operation(summary = "Get an app", description = "By its id (`app_...`) or its uid.")
  @APIResponse(
      responseCode = "200",
      description = "Get an app: done",
      content =
          @Content(
              mediaType = "application/json",
              examples = @ExampleObject(name = "example", value = APP_EXAMPLE)))
  @GET
  @Path("{app}")
  public JsonObject get(@PathParam("app") String app) {
    return view(apps.find(app));
  }

  static JsonObject view(App app) {
    JsonObjectBuilder json =
        Jsons.createObjectBuilder().add("id", app.getId()).add("name", app.getName());
    return addNullable(json, "uid", app.getUid())
        .add("createdAt", app.getCreatedAt().toString())
        .build();
  }
}
