package io.hookline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** POST .../msg/batch: one transaction, one answer per item, bad items alone refused. */
class BatchIT extends MicroTest {

  @Test
  void goodItemsAreAcceptedAndDeliveredAndBadOnesAnsweredEachWithItsProblem() {
    String app = createApp("batch");
    api.create(
        "/api/v1/app/" + app + "/endpoint",
        Json.createObjectBuilder().add("url", receiver.url("/batch")).build());
    sendMessageWithEventId(app, "taken");
    JsonArrayBuilder items =
        Json.createArrayBuilder()
            .add(item("batch.one", 1))
            .add(Json.createObjectBuilder().add("payload", Json.createObjectBuilder()))
            .add(item("batch.two", 2))
            .add(Json.createObjectBuilder().add("eventType", "batch.x").add("payload", "text"))
            .add(item("batch.three", 3).add("eventId", "taken"))
            .add(7)
            .add(item("batch.four", 4));
    Api.Response answer =
        api.post(
            "/api/v1/app/" + app + "/msg/batch",
            Json.createObjectBuilder().add("messages", items).build());
    assertEquals(200, answer.status(), answer.body());
    JsonObject json = answer.json();
    assertEquals(3, json.getInt("accepted"), answer.body());
    assertEquals(4, json.getInt("refused"), answer.body());
    var data = json.getJsonArray("data");
    assertEquals(7, data.size());
    for (int i : List.of(0, 2, 6)) {
      assertTrue(data.getJsonObject(i).getString("id").startsWith("msg_"), data.toString());
    }
    assertEquals("eventType", data.getJsonObject(1).getJsonObject("error").getString("field"));
    assertEquals("payload", data.getJsonObject(3).getJsonObject("error").getString("field"));
    assertEquals(409, data.getJsonObject(4).getJsonObject("error").getInt("status"));
    assertEquals("messages[5]", data.getJsonObject(5).getJsonObject("error").getString("field"));

    // The first single send and the three accepted items.
    assertEquals(4, receiver.await("/batch", 4, WAIT).size());
    assertEquals(
        4,
        Sql.count(TestStack.microDatabase(), "select count(*) from message where app_id = ?", app));
  }

  @Test
  void anEventIdRepeatedInOneBatchIsAConflictAndEachMessageReachesEveryEndpoint() {
    String app = createApp("batch-repeats");
    for (String path : List.of("/batch-a", "/batch-b")) {
      api.create(
          "/api/v1/app/" + app + "/endpoint",
          Json.createObjectBuilder().add("url", receiver.url(path)).build());
    }
    JsonArrayBuilder items =
        Json.createArrayBuilder()
            .add(item("batch.first", 1).add("eventId", "twice"))
            .add(item("batch.other", 2))
            .add(item("batch.first", 1).add("eventId", "twice"))
            .add(item("batch.first", 3).add("eventId", "twice"));
    Api.Response answer =
        api.post(
            "/api/v1/app/" + app + "/msg/batch",
            Json.createObjectBuilder().add("messages", items).build());
    assertEquals(200, answer.status(), answer.body());
    var data = answer.json().getJsonArray("data");
    assertTrue(data.getJsonObject(0).getString("id").startsWith("msg_"), data.toString());
    assertEquals(409, data.getJsonObject(2).getJsonObject("error").getInt("status"), "as Svix");
    assertEquals(409, data.getJsonObject(3).getJsonObject("error").getInt("status"));

    for (String path : List.of("/batch-a", "/batch-b")) {
      assertEquals(2, receiver.await(path, 2, WAIT).size(), path);
    }
    assertEquals(
        2,
        Sql.count(TestStack.microDatabase(), "select count(*) from message where app_id = ?", app));
    awaitDeliveredRows(app, 4);
  }

  /**
   * A batch's deliveries to one endpoint travel in one JMS message and are tried in one
   * transaction; when one fails, the ones after it go on in another, and only the failed one is
   * tried again.
   */
  @Test
  void deliveriesToOneEndpointAreTriedTogetherAndAFailureSendsTheRestOnInAnother() {
    String app = createApp("batch-together");
    String endpoint = createEndpoint(app, "/batch-together");
    receiver.script("/batch-together", 200, 503);
    JsonArrayBuilder items = Json.createArrayBuilder();
    for (int i = 0; i < 6; i++) {
      items.add(item("batch.together", i));
    }
    Api.Response answer =
        api.post(
            "/api/v1/app/" + app + "/msg/batch",
            Json.createObjectBuilder().add("messages", items).build());
    assertEquals(200, answer.status(), answer.body());

    // Six messages, one of them twice: the try that got the 503 and its retry.
    var arrived = receiver.await("/batch-together", 7, WAIT);
    assertEquals(6, arrived.stream().map(r -> r.headers().get("webhook-id")).distinct().count());
    awaitDeliveredRows(app, 6);
    var db = TestStack.microDatabase();
    assertEquals(
        7, Sql.count(db, "select count(*) from delivery_attempt where endpoint_id = ?", endpoint));
    assertEquals(
        1,
        Sql.count(
            db,
            "select count(*) from delivery_attempt where endpoint_id = ? and status = 'FAILED'",
            endpoint));
    // Every first try was made in a batch: two in the first (the second failed), the other four in
    // the batch they went on in. The retry came in a message of its own.
    assertEquals(
        Optional.of(6.0),
        MetricsIT.sample(
            MetricsIT.scrape(),
            "webhook_deliveries_batched_total",
            "endpoint=\"" + endpoint + "\""));
  }

  @Test
  void aBatchMustHoldOneToAThousandMessages() {
    String app = createApp("batch-limits");
    JsonArrayBuilder tooMany = Json.createArrayBuilder();
    for (int i = 0; i < 1001; i++) {
      tooMany.add(item("batch.many", i));
    }
    for (JsonObject bad :
        List.of(
            Json.createObjectBuilder().add("messages", Json.createArrayBuilder()).build(),
            Json.createObjectBuilder().add("messages", tooMany).build(),
            Json.createObjectBuilder().add("messages", "all of them").build())) {
      Api.Response refused = api.post("/api/v1/app/" + app + "/msg/batch", bad);
      assertEquals(422, refused.status(), refused.body());
      assertEquals("messages", refused.json().getString("field"));
    }
  }

  private static jakarta.json.JsonObjectBuilder item(String eventType, int n) {
    return Json.createObjectBuilder()
        .add("eventType", eventType)
        .add("payload", Json.createObjectBuilder().add("n", n));
  }

  private static void sendMessageWithEventId(String app, String eventId) {
    Api.Response sent =
        api.post(
            "/api/v1/app/" + app + "/msg",
            Json.createObjectBuilder()
                .add("eventType", "batch.first")
                .add("eventId", eventId)
                .add("payload", Json.createObjectBuilder())
                .build());
    assertEquals(202, sent.status(), sent.body());
  }
}
