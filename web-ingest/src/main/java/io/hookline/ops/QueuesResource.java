package io.hookline.ops;

import io.hookline.api.SvixLists;
import io.hookline.json.Jsons;
import io.hookline.platform.ListPage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code GET /api/v1/queue}: Hookline's queues as Artemis counts them, for the dashboard. */
@ApplicationScoped
@Tag(name = "Queue", description = "The broker queues behind delivery.")
@Path("v1/queue")
@Produces(MediaType.APPLICATION_JSON)
public class QueuesResource {
  @Inject QueueStats stats;

  @Operation(
      summary = "List queues",
      description =
          "Hookline's queues as Artemis counts them (scheduled retries included), by name; Svix's"
              + " list shape with limit, iterator and order.")
  @APIResponse(
      responseCode = "200",
      description = "List queues: done",
      content =
          @Content(
              schema = @Schema(ref = "QueueList"),
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "example",
                      value =
                          "{\"data\":[{\"name\":\"hookline.deliveries\",\"messages\":3,\"consumers\":16},{\"name\":\"hookline.dlq\",\"messages\":1,\"consumers\":0}],\"iterator\":\"bmhvb2tsaW5lLmRscQ\",\"prevIterator\":\"cGhvb2tsaW5lLmRlbGl2ZXJpZXM\",\"done\":true}")))
  @GET
  public JsonObject list(
      @QueryParam("limit") String limit,
      @QueryParam("iterator") String iterator,
      @QueryParam("order") String order) {
    ListPage page = SvixLists.page(limit, iterator, order, ListPage.Order.ASCENDING);
    JsonObject json =
        SvixLists.json(
            page.slice(stats.figures().entrySet(), Map.Entry::getKey),
            queue ->
                Jsons.createObjectBuilder()
                    .add("name", queue.getKey())
                    .add("messages", queue.getValue().messages())
                    .add("consumers", queue.getValue().consumers())
                    .build());
    return stats.failure() == null
        ? json
        : Jsons.createObjectBuilder(json).add("error", stats.failure()).build();
  }
}
