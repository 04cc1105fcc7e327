package io.hookline.deadletter.boundary;

import io.hookline.api.DeliveryViews;
import io.hookline.api.SvixLists;
import io.hookline.deadletter.control.DeadLetters;
import io.hookline.platform.ListPage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
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

  /** Newest first by default, paged as Svix pages lists. */
  @Operation(
      summary = "List dead letters",
      description =
          "The app's dead deliveries, newest first (order=ascending for oldest first); Svix's list"
              + " shape {data, iterator, prevIterator, done} with limit (1-250, default 50) and"
              + " iterator.")
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
                          "{\"data\":[{\"deliveryId\":\"dlv_01JD2QB3\",\"messageId\":\"msg_01JD2QA2B3C4D5E6F7G8H9J0K1\",\"endpointId\":\"ep_01JD2Q9A1B2C3D4E5F6G7H8J9K\",\"status\":\"dead\",\"attempts\":8,\"reason\":\"answered 500\",\"lastAttemptAt\":\"2026-11-24T03:00:00Z\",\"createdAt\":\"2026-11-23T10:00:01Z\"}],\"iterator\":\"bmRsdl8wMUpEMlFCMw\",\"prevIterator\":\"cGRsdl8wMUpEMlFCMw\",\"done\":true}")))
  @GET
  public JsonObject list(
      @PathParam("app_id") String app,
      @QueryParam("limit") String limit,
      @QueryParam("iterator") String iterator,
      @QueryParam("order") String order) {
    ListPage page = SvixLists.page(limit, iterator, order, ListPage.Order.DESCENDING);
    return SvixLists.json(deadLetters.list(app, page), DeliveryViews::delivery);
  }
}
