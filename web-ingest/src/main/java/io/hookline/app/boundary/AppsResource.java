package io.hookline.app.boundary;

import static io.hookline.api.JsonFields.addNullable;

import io.hookline.api.JsonBody;
import io.hookline.app.control.Apps;
import io.hookline.app.entity.App;
import jakarta.inject.Inject;
import jakarta.json.Json;
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

@Path("v1/apps")
@Produces(MediaType.APPLICATION_JSON)
public class AppsResource {
  /** A uid must not look like an id, or {@code {app}} in a path would be ambiguous. */
  static final Pattern UID = Pattern.compile("(?!app_)[A-Za-z0-9][A-Za-z0-9_.-]*");

  @Inject Apps apps;

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

  @GET
  public JsonObject list() {
    JsonArrayBuilder data = Json.createArrayBuilder();
    apps.list().forEach(app -> data.add(view(app)));
    return Json.createObjectBuilder().add("data", data).build();
  }

  @GET
  @Path("{app}")
  public JsonObject get(@PathParam("app") String app) {
    return view(apps.find(app));
  }

  static JsonObject view(App app) {
    JsonObjectBuilder json =
        Json.createObjectBuilder().add("id", app.getId()).add("name", app.getName());
    return addNullable(json, "uid", app.getUid())
        .add("createdAt", app.getCreatedAt().toString())
        .build();
  }
}
