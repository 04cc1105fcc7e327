package io.hookline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Idempotent sends by Idempotency-Key; eventIds used once. */
class IdempotencyIT extends MicroTest {
  private String app;
  private String path;

  @BeforeEach
  void newApp() {
    app = createApp("idempotency");
    path = "/" + app;
    api.create(
        "/api/v1/app/" + app + "/endpoint",
        Json.createObjectBuilder().add("url", receiver.url(path)).build());
  }

  private Api.Response send(String key, JsonObject body) {
    return api.sendWithHeader(
        "POST", "/api/v1/app/" + app + "/msg", body.toString(), "Idempotency-Key", key);
  }

  private static JsonObject message(String eventType, int n, String eventId) {
    var body =
        Json.createObjectBuilder()
            .add("eventType", eventType)
            .add("payload", Json.createObjectBuilder().add("n", n));
    if (eventId != null) {
      body.add("eventId", eventId);
    }
    return body.build();
  }

  private long messagesInApp() {
    return Sql.count(
        TestStack.microDatabase(), "select count(*) from message where app_id = ?", app);
  }

  @Test
  void theSameKeyAndBodyReplaysTheFirstAnswerAndCreatesNothing() {
    Api.Response first = send("order-42", message("order.created", 1, null));
    Api.Response again = send("order-42", message("order.created", 1, null));
    assertEquals(202, first.status(), first.body());
    assertEquals(202, again.status(), again.body());
    assertEquals(first.json(), again.json());
    assertEquals("true", again.headers().firstValue("idempotent-replayed").orElse(null));
    assertEquals(1, messagesInApp());

    // The one message is delivered once; a later distinct send arrives after it.
    String other = send("order-43", message("order.created", 2, null)).json().getString("id");
    var requests = receiver.await(path, 2, Duration.ofSeconds(30));
    assertEquals(2, requests.size());
    assertTrue(requests.stream().anyMatch(r -> r.header("webhook-id").equals(other)));
  }

  @Test
  void theSameKeyWithAnotherBodyIsAConflict() {
    assertEquals(202, send("k-1", message("order.created", 1, null)).status());
    Api.Response conflict = send("k-1", message("order.created", 2, null));
    assertEquals(409, conflict.status(), conflict.body());
    assertTrue(conflict.contentType().startsWith("application/problem+json"));
    assertEquals("Idempotency-Key", conflict.json().getString("field"));
    assertEquals(1, messagesInApp());
  }

  /** As Svix answers: an eventId the app has a message for is a 409, even for the same request. */
  @Test
  void aRepeatedEventIdIsAConflictUnlessItsKeyIsRetried() {
    Api.Response first = send("evt-key", message("invoice.paid", 1, "evt_1"));
    assertEquals(202, first.status(), first.body());
    Api.Response again =
        api.post("/api/v1/app/" + app + "/msg", message("invoice.paid", 1, "evt_1"));
    assertEquals(409, again.status(), again.body());
    assertEquals("eventId", again.json().getString("field"));
    Api.Response conflict =
        api.post("/api/v1/app/" + app + "/msg", message("invoice.paid", 9, "evt_1"));
    assertEquals(409, conflict.status(), conflict.body());
    Api.Response retried = send("evt-key", message("invoice.paid", 1, "evt_1"));
    assertEquals(202, retried.status(), retried.body());
    assertEquals(first.json().getString("id"), retried.json().getString("id"));
    assertEquals(1, messagesInApp());
  }

  @Test
  void keysAreScopedToTheirApp() {
    String firstApp = app;
    String id = send("shared-key", message("x.y", 1, null)).json().getString("id");
    newApp();
    assertNotEquals(firstApp, app);
    String otherId = send("shared-key", message("x.y", 1, null)).json().getString("id");
    assertNotEquals(id, otherId);
  }

  @Test
  void aMalformedKeyIsRefused() {
    Api.Response refused = send(" has spaces ", message("x.y", 1, null));
    assertEquals(422, refused.status(), refused.body());
    assertEquals("Idempotency-Key", refused.json().getString("field"));
  }
}
