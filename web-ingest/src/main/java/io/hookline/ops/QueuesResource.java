package io.hookline.ops;

import io.hookline.json.Jsons;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
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
      description = "Hookline's queues as Artemis counts them (scheduled retries included).")
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
                          "{\"data\":[{\"name\":\"hookline.deliveries\",\"messages\":3,\"consumers\":16},{\"name\":\"hookline.dlq\",\"messages\":1,\"consumers\":0}]}")))
  @GET
  public JsonObject list() {
    JsonArrayBuilder data = Jsons.createArrayBuilder();
    stats
        .figures()
        .forEach(
            (name, figures) ->
                data.add(
                    Jsons.createObjectBuilder()
                        .add("name", name)
                        .add("messages", figures.messages())
                        .add("consumers", figures.consumers())));
    JsonObject json = Jsons.createObjectBuilder().add("data", data).build();
    return stats.failure() == null
        ? json
        : Jsons.createObjectBuilder(json).add("error", stats.failure()).build();
  }
}
