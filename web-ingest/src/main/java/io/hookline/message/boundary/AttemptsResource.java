package io.hookline.message.boundary;

import static io.hookline.json.JsonFields.addNullable;

import io.hookline.api.DeliveryViews;
import io.hookline.delivery.entity.DeliveryAttempt;
import io.hookline.endpoint.control.Endpoints;
import io.hookline.json.Jsons;
import io.hookline.message.control.MessageIntake;
import io.hookline.platform.Refusal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** The tries at delivering an app's messages: by message, or by endpoint. */
@ApplicationScoped
@Path("v1/app/{app_id}/attempt")
@Produces(MediaType.APPLICATION_JSON)
public class AttemptsResource {
  @Inject MessageIntake intake;
  @Inject Endpoints endpoints;

  @Operation(summary = "List a message's attempts", description = "Every try at every endpoint.")
  @APIResponse(
      responseCode = "200",
      description = "List a message's attempts: done",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "example",
                      value =
                          "[{\"messageId\":\"msg_01JD2QA2B3C4D5E6F7G8H9J0K1\",\"endpointId\":\"ep_01JD2Q9A1B2C3D4E5F6G7H8J9K\",\"attempt\":1,\"status\":\"succeeded\",\"responseStatus\":204,\"durationMs\":42,\"timestamp\":\"2026-11-23T10:00:01Z\"}]")))
  @GET
  @Path("msg/{msg_id}")
  public JsonArray attempts(
      @PathParam("app_id") String app, @PathParam("msg_id") String messageId) {
    JsonArrayBuilder list = Jsons.createArrayBuilder();
    intake.attempts(app, messageId).forEach(attempt -> list.add(DeliveryViews.attempt(attempt)));
    return list.build();
  }

  /**
   * The endpoint's tries, newest first. {@code next} is the cursor for the following page (pass it
   * as {@code before}), null on the last page.
   */
  @Operation(
      summary = "List an endpoint's attempts",
      description = "Its tries, newest first; pass `next` as `before` for the following page.")
  @APIResponse(
      responseCode = "200",
      description = "List an endpoint's attempts: done",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "example",
                      value =
                          "{\"data\":[{\"messageId\":\"msg_01JD2QA2B3C4D5E6F7G8H9J0K1\",\"endpointId\":\"ep_01JD2Q9A1B2C3D4E5F6G7H8J9K\",\"attempt\":1,\"status\":\"succeeded\",\"responseStatus\":204,\"durationMs\":42,\"timestamp\":\"2026-11-23T10:00:01Z\"}],\"next\":null}")))
  @GET
  @Path("endpoint/{endpoint_id}")
  public JsonObject attempts(
      @PathParam("app_id") String app,
      @PathParam("endpoint_id") String endpoint,
      @QueryParam("limit") Integer limit,
      @QueryParam("before") String before) {
    int size = io.hookline.api.Paging.size(limit);
    Long cursor = null;
    if (before != null) {
      try {
        cursor = Long.valueOf(before);
      } catch (NumberFormatException e) {
        throw Refusal.invalidField("before", "must be a cursor from an earlier page's next");
      }
    }
    List<DeliveryAttempt> page = endpoints.attempts(app, endpoint, cursor, size + 1);
    JsonArrayBuilder data = Jsons.createArrayBuilder();
    page.stream().limit(size).forEach(attempt -> data.add(DeliveryViews.attempt(attempt)));
    JsonObjectBuilder json = Jsons.createObjectBuilder().add("data", data);
    return addNullable(
            json, "next", page.size() > size ? page.get(size - 1).getId().toString() : null)
        .build();
  }
}
