package io.hookline.deadletter.boundary;

import static io.hookline.json.JsonFields.addNullable;

import io.hookline.api.DeliveryViews;
import io.hookline.deadletter.control.DeadLetters;
import io.hookline.delivery.entity.Delivery;
import io.hookline.json.Jsons;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@ApplicationScoped
@Tag(name = "DeadLetter", description = "Deliveries that failed every try.")
@Path("v1/app/{app_id}/dead-letter")
@Produces(MediaType.APPLICATION_JSON)
public class DeadLettersResource {
  @Inject DeadLetters deadLetters;

  /** Newest first; pass {@code next} as {@code before} for the following page. */
  @Operation(
      summary = "List dead letters",
      description =
          "The app's dead deliveries, newest first; pass `next` as `before` for the following page.")
  @APIResponse(
      responseCode = "200",
      description = "List dead letters: done",
      content =
          @Content(
              schema = @Schema(ref = "ListDeadLetterOut"),
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "example",
                      value =
                          "{\"data\":[{\"deliveryId\":\"dlv_01JD2QB3\",\"messageId\":\"msg_01JD2QA2B3C4D5E6F7G8H9J0K1\",\"endpointId\":\"ep_01JD2Q9A1B2C3D4E5F6G7H8J9K\",\"status\":\"dead\",\"attempts\":8,\"reason\":\"answered 500\",\"lastAttemptAt\":\"2026-11-24T03:00:00Z\",\"createdAt\":\"2026-11-23T10:00:01Z\"}],\"next\":null}")))
  @GET
  public JsonObject list(
      @PathParam("app_id") String app,
      @QueryParam("limit") Integer limit,
      @QueryParam("before") String before) {
    int size = io.hookline.api.Paging.size(limit);
    List<Delivery> page = deadLetters.list(app, before, size + 1);
    JsonArrayBuilder data = Jsons.createArrayBuilder();
    page.stream().limit(size).forEach(delivery -> data.add(DeliveryViews.delivery(delivery)));
    JsonObjectBuilder json = Jsons.createObjectBuilder().add("data", data);
    return addNullable(json, "next", page.size() > size ? page.get(size - 1).getId() : null)
        .build();
  }
}
