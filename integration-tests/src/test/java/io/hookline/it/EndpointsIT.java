package io.hookline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Managing endpoints: update, custom headers, disabling and enabling, delete, attempts pages. */
class EndpointsIT extends MicroTest {
  private String app;

  @BeforeEach
  void newApp() {
    app = createApp("endpoints");
  }

  private String path(String name) {
    return "/" + app + "/" + name;
  }

  private String endpoint(String name, JsonObject extra) {
    var body = Json.createObjectBuilder(extra).add("url", receiver.url(path(name)));
    return api.create("/api/v1/app/" + app + "/endpoint", body.build()).getString("id");
  }

  private Api.Response change(String method, String endpoint, JsonObject body) {
    return api.send(
        method,
        "/api/v1/app/" + app + "/endpoint/" + endpoint,
        body.toString(),
        "application/json",
        TestStack.ADMIN_TOKEN);
  }

  private long deliveriesTo(String endpoint, String messageId) {
    return Sql.count(
        TestStack.microDatabase(),
        "select count(*) from delivery where endpoint_id = ? and message_id = ?",
        endpoint,
        messageId);
  }

  @Test
  void patchChangesOnlyWhatItNamesAndPutReplacesEverything() {
    String ep =
        endpoint(
            "patch",
            Json.createObjectBuilder()
                .add("description", "first")
                .add("eventTypes", Json.createArrayBuilder().add("a.*"))
                .build());

    JsonObject patched =
        change("PATCH", ep, Json.createObjectBuilder().add("description", "second").build()).json();
    assertEquals("second", patched.getString("description"));
    assertEquals(Json.createArrayBuilder().add("a.*").build(), patched.getJsonArray("eventTypes"));
    assertEquals(receiver.url(path("patch")), patched.getString("url"));

    Api.Response put =
        change("PUT", ep, Json.createObjectBuilder().add("url", receiver.url(path("put"))).build());
    assertEquals(200, put.status(), put.body());
    assertEquals("", put.json().getString("description"));
    assertTrue(put.json().isNull("filterTypes"), put.body());
    assertTrue(put.json().isNull("eventTypes"), put.body());

    // The new URL and filter apply to the next message.
    String messageId = sendMessage(app, "b.anything");
    assertEquals(messageId, receiver.await(path("put"), 1, WAIT).get(0).header("webhook-id"));
    assertEquals(List.of(), receiver.received(path("patch")));
  }

  @Test
  void invalidChangesAre422AndChangeNothing() {
    String ep = endpoint("invalid", Json.createObjectBuilder().build());
    Api.Response badUrl =
        change("PATCH", ep, Json.createObjectBuilder().add("url", "ftp://example.com/").build());
    assertEquals(422, badUrl.status(), badUrl.body());
    assertEquals("url", badUrl.json().getString("field"));
    Api.Response badHeader =
        change(
            "PATCH",
            ep,
            Json.createObjectBuilder()
                .add("headers", Json.createObjectBuilder().add("Webhook-Id", "forged"))
                .build());
    assertEquals(422, badHeader.status(), badHeader.body());
    assertEquals("headers", badHeader.json().getString("field"));
    Api.Response injected =
        change(
            "PATCH",
            ep,
            Json.createObjectBuilder()
                .add("headers", Json.createObjectBuilder().add("X-A", "v\r\nX-Injected: 1"))
                .build());
    assertEquals(422, injected.status(), injected.body());
    assertEquals(
        receiver.url(path("invalid")),
        api.get("/api/v1/app/" + app + "/endpoint/" + ep).json().getString("url"));
  }

  @Test
  void customHeadersAreSentWithEveryDelivery() {
    endpoint(
        "headers",
        Json.createObjectBuilder()
            .add(
                "headers",
                Json.createObjectBuilder()
                    .add("X-Tenant", "acme")
                    .add("User-Agent", "acme-hooks/1"))
            .build());
    sendMessage(app, "h.test");
    Receiver.Received request = receiver.await(path("headers"), 1, WAIT).get(0);
    assertEquals("acme", request.header("x-tenant"));
    assertEquals("acme-hooks/1", request.header("user-agent"), "replaced, not added");
    assertTrue(request.header("webhook-signature").startsWith("v1,"));
  }

  @Test
  void aDisabledEndpointGetsNothingUntilEnabledAgain() {
    String ep = endpoint("toggle", Json.createObjectBuilder().build());
    JsonObject disabled =
        change("PATCH", ep, Json.createObjectBuilder().add("disabled", true).build()).json();
    assertTrue(disabled.getBoolean("disabled"));
    assertTrue(disabled.getString("disabledReason").contains("API"), disabled.toString());
    String whileDisabled = sendMessage(app, "t.test");
    assertEquals(0, deliveriesTo(ep, whileDisabled));

    JsonObject enabled =
        change("PATCH", ep, Json.createObjectBuilder().add("disabled", false).build()).json();
    assertFalse(enabled.getBoolean("disabled"));
    assertEquals(JsonValue.NULL, enabled.get("disabledReason"));
    String afterwards = sendMessage(app, "t.test");
    assertEquals(afterwards, receiver.await(path("toggle"), 1, WAIT).get(0).header("webhook-id"));
  }

  @Test
  void aPendingDeliveryToAnEndpointDisabledMeanwhileEndsDead() {
    receiver.script(path("paused"), new Receiver.Reply(503, Map.of("Retry-After", "3")));
    String ep = endpoint("paused", Json.createObjectBuilder().build());
    String messageId = sendMessage(app, "p.test");
    receiver.await(path("paused"), 1, WAIT);
    assertEquals(
        200,
        change("PATCH", ep, Json.createObjectBuilder().add("disabled", true).build()).status());

    Eventually.await(
        "the delivery dead", WAIT, () -> deliveryStatus(messageId), s -> s.equals(List.of("DEAD")));
    assertEquals(1, receiver.received(path("paused")).size(), "no try after disabling");
  }

  @Test
  void aDeletedEndpointIsGoneFromTheApiAndGetsNothing() {
    String ep = endpoint("deleted", Json.createObjectBuilder().build());
    Api.Response deleted =
        api.send(
            "DELETE", "/api/v1/app/" + app + "/endpoint/" + ep, null, null, TestStack.ADMIN_TOKEN);
    assertEquals(204, deleted.status(), deleted.body());
    assertEquals(404, api.get("/api/v1/app/" + app + "/endpoint/" + ep).status());
    assertEquals(0, api.get("/api/v1/app/" + app + "/endpoint").json().getJsonArray("data").size());
    assertEquals(0, deliveriesTo(ep, sendMessage(app, "d.test")));
  }

  @Test
  void afterARotationBothTheOldAndTheNewSecretSign() throws Exception {
    String old = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    String ep = endpoint("rotated", Json.createObjectBuilder().add("secret", old).build());
    Api.Response rotated =
        api.post(
            "/api/v1/app/" + app + "/endpoint/" + ep + "/secret/rotate",
            JsonValue.EMPTY_JSON_OBJECT);
    assertEquals(204, rotated.status(), rotated.body());
    String fresh =
        api.get("/api/v1/app/" + app + "/endpoint/" + ep + "/secret").json().getString("key");
    assertFalse(fresh.equals(old));

    sendMessage(app, "r.test");
    Receiver.Received request = receiver.await(path("rotated"), 1, WAIT).get(0);
    String[] signatures = request.header("webhook-signature").split(" ");
    assertEquals(2, signatures.length, request.header("webhook-signature"));
    assertTrue(StandardWebhooks.verifies(fresh, request), "the new secret verifies");
    assertTrue(
        StandardWebhooks.verifies(old, request),
        "the old secret still verifies during the overlap");
  }

  @Test
  void attemptsArePagedNewestFirst() {
    String ep = endpoint("paged", Json.createObjectBuilder().build());
    for (int i = 0; i < 5; i++) {
      sendMessage(app, "page.test");
    }
    receiver.await(path("paged"), 5, WAIT);
    Eventually.await(
        "5 attempts recorded",
        WAIT,
        () ->
            Sql.count(
                TestStack.microDatabase(),
                "select count(*) from delivery_attempt where endpoint_id = ?",
                ep),
        n -> n == 5);

    Set<String> seen = new HashSet<>();
    String iterator = null;
    int pages = 0;
    long lastAttempt = Long.MAX_VALUE;
    boolean done;
    do {
      String query =
          "/api/v1/app/"
              + app
              + "/attempt/endpoint/"
              + ep
              + "?limit=2"
              + (iterator == null ? "" : "&iterator=" + iterator);
      JsonObject page = api.get(query).json();
      pages++;
      for (JsonValue item : page.getJsonArray("data")) {
        assertTrue(seen.add(item.asJsonObject().getString("msgId")), "no attempt twice");
        long number = Long.parseLong(item.asJsonObject().getString("id").substring(6));
        assertTrue(number < lastAttempt, "newest first");
        lastAttempt = number;
      }
      iterator = page.isNull("iterator") ? null : page.getString("iterator");
      done = page.getBoolean("done");
    } while (!done);
    assertEquals(5, seen.size());
    assertEquals(3, pages);
    assertEquals(
        422, api.get("/api/v1/app/" + app + "/attempt/endpoint/" + ep + "?limit=0").status());
  }
}
