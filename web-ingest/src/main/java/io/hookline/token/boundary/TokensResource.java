package io.hookline.token.boundary;

import io.hookline.api.SvixLists;
import io.hookline.json.JsonFields;
import io.hookline.json.Jsons;
import io.hookline.platform.ListPage;
import io.hookline.token.control.ApiTokens;
import io.hookline.token.entity.ApiToken;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@ApplicationScoped
@Tag(name = "Token", description = "API tokens scoped to one application.")
@Path("v1/app/{app_id}/token")
@Produces(MediaType.APPLICATION_JSON)
public class TokensResource {
  @Inject ApiTokens tokens;

  @Operation(
      summary = "Make an app token",
      description =
          "A token that reaches only this app's resources. It is in this answer only: Hookline"
              + " keeps its SHA-256. Needs the admin token.")
  @APIResponse(
      responseCode = "201",
      description = "The token, shown once",
      content =
          @Content(
              schema = @Schema(ref = "TokenOut"),
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "example",
                      value =
                          "{\"id\":\"tok_01JD2QF7\",\"prefix\":\"hk_app_Zx3k\",\"createdAt\":\"2026-11-23T10:00:00Z\",\"token\":\"hk_app_Zx3kQ...\"}")))
  @POST
  public Response issue(@PathParam("app_id") String app) {
    ApiTokens.Issued issued = tokens.issue(app);
    return Response.status(201)
        .entity(Jsons.createObjectBuilder(view(issued.row())).add("token", issued.token()).build())
        .build();
  }

  @Operation(
      summary = "List an app's tokens",
      description =
          "Ids and prefixes, never the tokens, oldest first; Svix's list shape with limit,"
              + " iterator and order. Needs the admin token.")
  @APIResponse(
      responseCode = "200",
      description = "The app's tokens",
      content =
          @Content(
              schema = @Schema(ref = "TokenList"),
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "example",
                      value =
                          "{\"data\":[{\"id\":\"tok_01JD2QF7\",\"prefix\":\"hk_app_Zx3k\",\"createdAt\":\"2026-11-23T10:00:00Z\"}],\"iterator\":\"bnRva18wMUpEMlFGNw\",\"prevIterator\":\"cHRva18wMUpEMlFGNw\",\"done\":true}")))
  @GET
  public JsonObject list(
      @PathParam("app_id") String app,
      @QueryParam("limit") String limit,
      @QueryParam("iterator") String iterator,
      @QueryParam("order") String order) {
    ListPage page = SvixLists.page(limit, iterator, order, ListPage.Order.ASCENDING);
    return SvixLists.json(tokens.list(app, page), TokensResource::view);
  }

  @Operation(
      summary = "Revoke an app token",
      description = "The token stops working at once. Needs the admin token.")
  @APIResponse(responseCode = "204", description = "Revoked")
  @DELETE
  @Path("{token}")
  public Response revoke(@PathParam("app_id") String app, @PathParam("token") String token) {
    tokens.revoke(app, token);
    return Response.noContent().build();
  }

  private static JsonObject view(ApiToken token) {
    JsonObjectBuilder json =
        Jsons.createObjectBuilder()
            .add("id", token.getId())
            .add("prefix", token.getPrefix())
            .add("createdAt", JsonFields.rfc3339(token.getCreatedAt()));
    return json.build();
  }
}
