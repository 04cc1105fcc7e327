package io.hookline.deadletter.boundary;

import io.hookline.api.Access;
import io.hookline.api.DeliveryViews;
import io.hookline.deadletter.control.DeadLetters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Svix's background tasks, of which Hookline has one kind: the recoveries that {@code POST
 * .../endpoint/{endpoint_id}/recover} starts. An app's token reads its own app's.
 */
@ApplicationScoped
@Tag(name = "BackgroundTask", description = "Work an API call started that goes on by itself.")
@Path("v1/background-task")
@Produces(MediaType.APPLICATION_JSON)
public class BackgroundTasksResource {
  @Inject DeadLetters deadLetters;

  @Operation(
      summary = "Get a background task",
      description =
          "A recovery started by POST .../endpoint/{endpoint_id}/recover: `running`, `finished`"
              + " or `failed` (the endpoint was disabled meanwhile, or its batches kept failing),"
              + " with `data.messagesSent`, how many deliveries it re-queued.")
  @APIResponse(
      responseCode = "200",
      description = "The task",
      content =
          @Content(
              schema = @Schema(ref = "BackgroundTaskOut"),
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "example",
                      value =
                          "{\"id\":\"qtask_01JD2QB3C4D5E6F7G8H9J0K1L2\",\"status\":\"finished\",\"task\":\"endpoint.recover\",\"updatedAt\":\"2026-11-23T12:00:03.000000Z\",\"data\":{\"messagesSent\":1200}}")))
  @GET
  @Path("{task_id}")
  public JsonObject get(
      @PathParam("task_id") String taskId, @Context ContainerRequestContext request) {
    Object callerApp = request.getProperty(Access.CALLER_APP);
    return DeliveryViews.backgroundTask(
        deadLetters.recovery(taskId, callerApp == null ? null : callerApp.toString()));
  }
}
