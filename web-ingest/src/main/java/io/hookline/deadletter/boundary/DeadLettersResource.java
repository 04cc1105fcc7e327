package io.hookline.deadletter.boundary;

import static io.hookline.api.JsonFields.addNullable;

import io.hookline.api.Problem;
import io.hookline.deadletter.control.DeadLetters;
import io.hookline.delivery.entity.Delivery;
import jakarta.inject.Inject;
import jakarta.json.Json;
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

@Path("v1/apps/{app}/dead-letters")
@Produces(MediaType.APPLICATION_JSON)
public class DeadLettersResource {
  static final int MAX_PAGE = 250;

  @Inject DeadLetters deadLetters;

  /** Newest first; pass {@code next} as {@code before} for the following page. */
  @GET
  public JsonObject list(
      @PathParam("app") String app,
      @QueryParam("limit") Integer limit,
      @QueryParam("before") String before) {
    int size = limit == null ? 50 : limit;
    if (size < 1 || size > MAX_PAGE) {
      throw Problem.invalidField("limit", "must be between 1 and " + MAX_PAGE);
    }
    List<Delivery> page = deadLetters.list(app, before, size + 1);
    JsonArrayBuilder data = Json.createArrayBuilder();
    page.stream().limit(size).forEach(delivery -> data.add(view(delivery)));
    JsonObjectBuilder json = Json.createObjectBuilder().add("data", data);
    return addNullable(json, "next", page.size() > size ? page.get(size - 1).getId() : null)
        .build();
  }

  public static JsonObject view(Delivery delivery) {
    JsonObjectBuilder json =
        Json.createObjectBuilder()
            .add("deliveryId", delivery.getId())
            .add("messageId", delivery.getMessageId())
            .add("endpointId", delivery.getEndpointId())
            .add("status", delivery.getStatus().name().toLowerCase())
            .add("attempts", delivery.getAttemptCount());
    addNullable(json, "reason", delivery.getDeadReason());
    addNullable(json, "lastAttemptAt", delivery.getLastAttemptAt());
    return json.add("createdAt", delivery.getCreatedAt().toString()).build();
  }
}
