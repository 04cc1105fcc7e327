package io.hookline.portal.boundary;

import io.hookline.api.JsonBody;
import io.hookline.api.Metadata;
import io.hookline.api.Uids;
import io.hookline.app.control.Apps;
import io.hookline.json.Jsons;
import io.hookline.platform.Refusal;
import io.hookline.portal.control.Capabilities;
import io.hookline.portal.control.Capability;
import io.hookline.portal.control.PortalSettings;
import io.hookline.portal.control.PortalTokens;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Svix's access links to the subscriber portal: {@code POST
 * /api/v1/auth/app-portal-access/{app_id}} makes one, {@code POST
 * /api/v1/auth/app/{app_id}/expire-all} ends them, and {@code GET /api/v1/auth/portal-session}
 * tells the page what its link may do. The first two need the admin token; the token travels in the
 * URL's fragment, which browsers never send to a server.
 */
@ApplicationScoped
@Tag(name = "Authentication", description = "Subscriber portal links.")
@Path("v1/auth")
@Produces(MediaType.APPLICATION_JSON)
public class PortalAccessResource {
  static final String ACCESS_IN_EXAMPLE =
      "{\"capabilities\":[\"ViewBase\",\"ManageEndpoint\"],\"expiry\":86400,\"sessionId\":\"user-42\"}";

  static final String ACCESS_OUT_EXAMPLE =
      "{\"url\":\"https://hookline.example.com/portal/#key=hk_portal_kV3ts5tKPNJN4Dl25cMTfUNdmabxbX0OabcdEFGHijk\",\"token\":\"hk_portal_kV3ts5tKPNJN4Dl25cMTfUNdmabxbX0OabcdEFGHijk\"}";

  static final int MAX_THROTTLE = 65535;

  @Inject PortalTokens tokens;
  @Inject Apps apps;

  /** Where links point ({@code hookline.portal.url}, checked at start). */
  @Inject PortalSettings settings;

  @Operation(
      summary = "Make a subscriber portal link",
      description =
          "A link to Hookline's portal page for this app, and its token. capabilities: any of"
              + " ViewBase, ViewEndpointSecret, ManageEndpointSecret, ManageTransformations,"
              + " CreateAttempts, ManageEndpoint (ViewBase is always added; none named: all);"
              + " readOnly: ViewBase alone. expiry: seconds, 3600 to 604800 (default 604800)."
              + " sessionId marks the link so that expire-all can end it alone. An application"
              + " object makes the app, with the path as its uid, when the path names none. Each"
              + " call makes a new token: only its hash is kept.")
  @APIResponse(
      responseCode = "200",
      description = "The link",
      content =
          @Content(
              schema = @Schema(ref = "AppPortalAccessOut"),
              mediaType = "application/json",
              examples = @ExampleObject(name = "example", value = ACCESS_OUT_EXAMPLE)))
  @APIResponse(responseCode = "404", description = "No such app, and no application to make")
  @APIResponse(responseCode = "422", description = "A field out of range or an unknown capability")
  @RequestBody(
      required = true,
      content =
          @Content(
              schema = @Schema(ref = "AppPortalAccessIn"),
              mediaType = "application/json",
              examples = @ExampleObject(name = "example", value = ACCESS_IN_EXAMPLE)))
  @POST
  @Path("app-portal-access/{app_id}")
  @Consumes(MediaType.APPLICATION_JSON)
  public JsonObject access(
      @PathParam("app_id") String app,
      String body,
      @Context UriInfo uri,
      @Context ContainerRequestContext request) {
    JsonBody json =
        body == null || body.isBlank()
            ? JsonBody.of(JsonValue.EMPTY_JSON_OBJECT)
            : JsonBody.parse(body);
    List<Capability> named = new ArrayList<>();
    List<String> names = json.optionalStrings("capabilities", 16, 64, null);
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      named.add(
          Capability.byWireName(name)
              .orElseThrow(
                  () ->
                      Refusal.invalidField(
                          "capabilities",
                          "'"
                              + name
                              + "' is no capability; use ViewBase, ViewEndpointSecret,"
                              + " ManageEndpointSecret, ManageTransformations, CreateAttempts or"
                              + " ManageEndpoint")));
    }
    Integer expiry =
        json.optionalInteger(
            "expiry",
            (int) PortalTokens.MIN_EXPIRY.toSeconds(),
            (int) PortalTokens.MAX_EXPIRY.toSeconds());
    boolean readOnly = Boolean.TRUE.equals(json.optionalBoolean("readOnly"));
    String session = json.optionalString("sessionId", 256, null);
    // Svix's feature flags choose features of its own portal; Hookline's has none to choose.
    json.optionalStrings("featureFlags", 64, 256, null);
    if (json.has("application") && json.value("application") != JsonValue.NULL) {
      createAppIfMissing(app, json.nested("application"));
    }
    Set<Capability> granted = Capabilities.granted(named, readOnly);
    PortalTokens.Issued issued =
        tokens.issue(
            app,
            granted,
            expiry == null ? PortalTokens.MAX_EXPIRY : Duration.ofSeconds(expiry),
            session);
    return Jsons.createObjectBuilder()
        .add("url", pageUrl(uri) + "#key=" + issued.token())
        .add("token", issued.token())
        .build();
  }

  /**
   * The portal page's address: the setting, or {@code /portal/} beside the API as this request
   * reached it (its Host header; a warning at start says so).
   */
  String pageUrl(UriInfo uri) {
    return settings.url().orElseGet(() -> uri.getBaseUri().resolve("../portal/").toString());
  }

  /** Svix's inline application: made, with the path as its uid, when the path names no app. */
  private void createAppIfMissing(String app, JsonBody application) {
    String name = application.requiredString("name", 256, null);
    application.optionalString("uid", 256, Uids.APP);
    Apps.Fields fields =
        new Apps.Fields(
            name,
            app,
            Metadata.read(application),
            application.optionalInteger("throttleRate", 0, MAX_THROTTLE));
    try {
      apps.find(app);
      return;
    } catch (Refusal missing) {
      if (app.startsWith("app_") || !Uids.APP.matcher(app).matches()) {
        throw missing;
      }
    }
    // With getIfExists, a concurrent request that made the same uid first is found, not a 409.
    apps.create(fields, true);
  }

  @Operation(
      summary = "End an app's portal links",
      description =
          "Every link made for the app stops working after expiry seconds (default 0: at once);"
              + " with sessionIds, only the links made with one of those sessionIds. A link due to"
              + " expire sooner keeps its own time.")
  @APIResponse(responseCode = "204", description = "Done")
  @APIResponse(responseCode = "404", description = "No such app")
  @RequestBody(
      content =
          @Content(
              schema = @Schema(ref = "ApplicationTokenExpireIn"),
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "example",
                      value = "{\"expiry\":0,\"sessionIds\":[\"user-42\"]}")))
  @POST
  @Path("app/{app_id}/expire-all")
  public Response expireAll(@PathParam("app_id") String app, String body) {
    JsonBody json =
        body == null || body.isBlank()
            ? JsonBody.of(JsonValue.EMPTY_JSON_OBJECT)
            : JsonBody.parse(body);
    Integer expiry = json.optionalInteger("expiry", 0, Integer.MAX_VALUE);
    List<String> sessions = json.optionalStrings("sessionIds", 1000, 256, null);
    tokens.expireAll(app, Duration.ofSeconds(expiry == null ? 0 : expiry), sessions);
    return Response.noContent().build();
  }

  @Operation(
      summary = "What this portal link may do",
      description =
          "For the portal page: the app its token is for, the token's capabilities and when it"
              + " expires. Only a portal token has a session (400 otherwise); an expired one is a"
              + " 401.")
  @APIResponse(
      responseCode = "200",
      description = "The session",
      content =
          @Content(
              schema = @Schema(ref = "PortalSession"),
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "example",
                      value =
                          "{\"appId\":\"app_01JD2Q9A1B2C3D4E5F6G7H8J9K\",\"appUid\":\"acme\",\"appName\":\"Acme\",\"capabilities\":[\"ViewBase\"],\"expiresAt\":\"2026-11-30T10:00:00Z\"}")))
  @GET
  @Path("portal-session")
  public JsonObject session(@Context ContainerRequestContext request) {
    if (!(request.getProperty(PortalTokens.PRINCIPAL)
        instanceof PortalTokens.Principal principal)) {
      throw Refusal.malformed("only a portal link's token has a portal session");
    }
    JsonArrayBuilder capabilities = Jsons.createArrayBuilder();
    principal.capabilities().forEach(c -> capabilities.add(c.wireName()));
    var json =
        Jsons.createObjectBuilder()
            .add("appId", principal.appId())
            .add("appName", principal.appName())
            .add("capabilities", capabilities)
            .add("expiresAt", io.hookline.json.JsonFields.rfc3339(principal.expiresAt()));
    if (principal.appUid() == null) {
      json.addNull("appUid");
    } else {
      json.add("appUid", principal.appUid());
    }
    return json.build();
  }
}
