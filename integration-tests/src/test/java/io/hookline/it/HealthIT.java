package io.hookline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** MicroProfile Health: readiness follows PostgreSQL and the broker; liveness the application. */
class HealthIT extends MicroTest {

  private static JsonObject check(Api.Response health, String name) {
    for (JsonValue check : health.json().getJsonArray("checks")) {
      if (check.asJsonObject().getString("name").equals(name)) {
        return check.asJsonObject();
      }
    }
    throw new AssertionError("no check " + name + " in " + health.body());
  }

  private static Api.Response ready() {
    return api.send("GET", "/health/ready", null, null, null);
  }

  @Test
  void readyGoesDownWithTheBrokerAndComesBackWithIt() {
    Api.Response up = ready();
    assertEquals(200, up.status(), up.body());
    assertEquals("UP", up.json().getString("status"));
    assertEquals("UP", check(up, "database").getString("status"));
    assertEquals("UP", check(up, "broker").getString("status"));
    assertEquals(200, api.send("GET", "/health/live", null, null, null).status());

    TestStack.broker().close();
    try {
      Api.Response down = ready();
      assertEquals(503, down.status(), down.body());
      assertEquals("DOWN", down.json().getString("status"));
      JsonObject broker = check(down, "broker");
      assertEquals("DOWN", broker.getString("status"));
      // Each configured broker address with why it refused; this stack has no backup.
      JsonObject data = broker.getJsonObject("data");
      assertTrue(
          data.getString("reason").startsWith(data.getString("address") + ": cannot connect"),
          broker.toString());
      assertEquals("UP", check(down, "database").getString("status"));
      assertEquals(
          200, api.send("GET", "/health/live", null, null, null).status(), "alive all the same");
    } finally {
      TestStack.broker().start();
    }

    Eventually.await("ready again", WAIT, () -> ready().status(), status -> status == 200);
    // And working again, for the tests after this one: a message is accepted and delivered.
    String app = createApp("health");
    api.create(
        "/api/v1/app/" + app + "/endpoint",
        Json.createObjectBuilder().add("url", receiver.url("/after-restart")).build());
    Eventually.await(
        "a message accepted after the broker restart",
        WAIT,
        () ->
            api.post(
                    "/api/v1/app/" + app + "/msg",
                    Json.createObjectBuilder()
                        .add("eventType", "h.test")
                        .add("payload", Json.createObjectBuilder())
                        .build())
                .status(),
        status -> status == 202);
    receiver.await("/after-restart", 1, Duration.ofSeconds(60));
  }

  @Test
  void readyGoesDownWhileTheBacklogIsOverTheThresholdAndUpWhenItClears() {
    JsonObject queue = check(ready(), "delivery-queue");
    assertEquals("UP", queue.getString("status"), queue.toString());
    // Payara writes health data as strings.
    assertTrue(
        Long.parseLong(queue.getJsonObject("data").getString("consumers")) >= 1, queue.toString());

    // One delivery a second to this endpoint: the rest wait on the queue.
    String app = createApp("backlog");
    String endpoint =
        api.create(
                "/api/v1/app/" + app + "/endpoint",
                Json.createObjectBuilder()
                    .add("url", receiver.url("/backlog"))
                    .add("rateLimit", 1)
                    .build())
            .getString("id");
    for (int i = 0; i < 2 * TestStack.QUEUE_DEPTH_THRESHOLD; i++) {
      sendMessage(app, "backlog.test");
    }
    JsonObject down =
        Eventually.await(
            "not ready with a backlog",
            WAIT,
            () -> check(ready(), "delivery-queue"),
            c -> c.getString("status").equals("DOWN"));
    assertTrue(
        down.getJsonObject("data").getString("reason").contains("over the threshold"),
        down.toString());

    // The operator stops the endpoint and clears its messages in the console: ready again. (The
    // reconciler later finds the pending deliveries, whose tries end them dead.)
    assertEquals(
        200,
        api.send(
                "PATCH",
                "/api/v1/app/" + app + "/endpoint/" + endpoint,
                "{\"disabled\":true}",
                "application/json",
                TestStack.ADMIN_TOKEN)
            .status());
    BrokerProbe.remove("hookline.deliveries", "hooklineEndpointId = '" + endpoint + "'");
    Eventually.await("ready again", WAIT, () -> ready().status(), status -> status == 200);
  }
}
