package io.hookline.ops;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /api/v1/queues}: Hookline's queues as Artemis counts them, for the dashboard. */
@Path("v1/queues")
@Produces(MediaType.APPLICATION_JSON)
public class QueuesResource {
  @Inject QueueStats stats;

  @GET
  public JsonObject list() {
    JsonArrayBuilder data = Json.createArrayBuilder();
    stats
        .figures()
        .forEach(
            (name, figures) ->
                data.add(
                    Json.createObjectBuilder()
                        .add("name", name)
                        .add("messages", figures.messages())
                        .add("consumers", figures.consumers())));
    JsonObject json = Json.createObjectBuilder().add("data", data).build();
    return stats.failure() == null
        ? json
        : Json.createObjectBuilder(json).add("error", stats.failure()).build();
  }
}
