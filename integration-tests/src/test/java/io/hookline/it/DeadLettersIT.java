package io.hookline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Dead letters: listed, resent through the API or the broker console, recovered in bulk. */
class DeadLettersIT extends MicroTest {
  private String app;

  @BeforeEach
  void newApp() {
    app = createApp("dead letters");
  }

  private String path(String name) {
    return "/" + app + "/" + name;
  }

  /** An endpoint that fails every try of the test schedule, then answers 200. */
  private String failingEndpoint(String name, int messages) {
    receiver.scriptRepeated(path(name), TestStack.MAX_ATTEMPTS * messages, 500);
    return api.create(
            "/api/v1/app/" + app + "/endpoint",
            Json.createObjectBuilder().add("url", receiver.url(path(name))).build())
        .getString("id");
  }

  private static String onDlq(String deliveryId) {
    return "hooklineDeliveryId = '" + deliveryId + "'";
  }

  /**
   * A dead-letter entry is only a marker for the console (the row says DEAD): it expires after
   * {@code hookline.dlq.expiry-delay-ms} (30 s in the tests) and is dropped, not moved to an expiry
   * queue where it would pile up instead.
   */
  @Test
  void aDeadLetterMarkerExpiresAndIsDropped() {
    String marker = "expiring-" + java.util.UUID.randomUUID();
    long expiredBefore =
        BrokerProbe.messagesAdded("hookline.expiry") + BrokerProbe.messagesAdded("ExpiryQueue");
    BrokerProbe.send("hookline.dlq", marker, java.util.Map.of("hooklineDeliveryId", marker));
    assertEquals(1, BrokerProbe.count("hookline.dlq", onDlq(marker)));
    Eventually.await(
        "the marker expired",
        java.time.Duration.ofSeconds(90),
        () -> BrokerProbe.count("hookline.dlq", onDlq(marker)),
        n -> n == 0);
    assertEquals(
        expiredBefore,
        BrokerProbe.messagesAdded("hookline.expiry") + BrokerProbe.messagesAdded("ExpiryQueue"),
        "dropped, not moved");
  }

  /**
   * A resend that arrives while the last try is in flight waits for that try, then starts a new
   * round on the dead delivery it finds, and says so: the receiver gets another request.
   */
  @Test
  void aResendRacingTheLastFailingTryLeadsToANewTry() throws Exception {
    String endpoint = failingEndpoint("race", 1);
    Receiver.Hold lastTry = receiver.hold(path("race"), TestStack.MAX_ATTEMPTS);
    String messageId = sendMessage(app, "dl.test");
    lastTry.awaitArrival(WAIT);
    // The last try holds its row until the receiver answers; the resend comes now.
    java.util.concurrent.CompletableFuture<Api.Response> resend =
        java.util.concurrent.CompletableFuture.supplyAsync(
            () ->
                api.post(
                    "/api/v1/app/"
                        + app
                        + "/msg/"
                        + messageId
                        + "/endpoint/"
                        + endpoint
                        + "/resend",
                    JsonValue.EMPTY_JSON_OBJECT));
    // The resend's transaction waits for the delivery row (on its read or on its write).
    Eventually.await(
        "the resend waiting for the delivery row",
        WAIT,
        () ->
            Sql.count(
                TestStack.microDatabase(),
                "select count(*) from pg_stat_activity where wait_event_type = 'Lock'"
                    + " and query ilike '%delivery%'"),
        waiting -> waiting > 0);
    lastTry.release();

    Api.Response resent = resend.get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
    assertEquals(202, resent.status(), resent.body());
    assertEquals(JsonValue.EMPTY_JSON_OBJECT, resent.json(), "Svix's empty answer");
    receiver.await(path("race"), TestStack.MAX_ATTEMPTS + 1, WAIT);
    awaitDeliveryStatus(messageId, "DELIVERED");
    // The last try was recorded, and the resend's try after it: neither lost to the other.
    Eventually.await(
        "every try recorded",
        WAIT,
        () -> AttemptLists.oldestFirst(api, app, messageId),
        a -> a.size() == TestStack.MAX_ATTEMPTS + 1);
  }

  @Test
  void aDeadDeliveryIsListedAndAResendDeliversItAndClearsTheDeadLetterQueue() {
    String endpoint = failingEndpoint("resend", 1);
    String messageId = sendMessage(app, "dl.test");
    awaitDeliveryStatus(messageId, "DEAD");

    JsonObject dead =
        api.get("/api/v1/app/" + app + "/dead-letter").json().getJsonArray("data").getJsonObject(0);
    assertEquals(messageId, dead.getString("messageId"));
    assertEquals(endpoint, dead.getString("endpointId"));
    assertEquals(TestStack.MAX_ATTEMPTS, dead.getInt("attempts"));
    assertTrue(dead.getString("reason").contains("tries failed"), dead.toString());
    String deliveryId = dead.getString("deliveryId");
    assertEquals(
        1, BrokerProbe.count("hookline.dlq", onDlq(deliveryId)), "DB and dead-letter queue agree");

    Api.Response resent =
        api.post(
            "/api/v1/app/" + app + "/msg/" + messageId + "/endpoint/" + endpoint + "/resend",
            JsonValue.EMPTY_JSON_OBJECT);
    assertEquals(202, resent.status(), resent.body());
    receiver.await(path("resend"), TestStack.MAX_ATTEMPTS + 1, WAIT);
    awaitDeliveryStatus(messageId, "DELIVERED");
    assertEquals(
        0, BrokerProbe.count("hookline.dlq", onDlq(deliveryId)), "the dead letter left the queue");
    assertEquals(
        0, api.get("/api/v1/app/" + app + "/dead-letter").json().getJsonArray("data").size());
  }

  @Test
  void aDeadLetterMovedBackInTheBrokerConsoleIsDeliveredInANewRound() {
    String messageId = deadMessage("console");
    String deliveryId = deliveryOf(messageId);

    assertEquals(1, BrokerProbe.move("hookline.dlq", onDlq(deliveryId), "hookline.deliveries"));
    receiver.await(path("console"), TestStack.MAX_ATTEMPTS + 1, WAIT);
    awaitDeliveryStatus(messageId, "DELIVERED");
  }

  @Test
  void aDeadLetterRetriedInTheBrokerConsoleIsDeliveredInANewRound() {
    String messageId = deadMessage("console-retry");
    String deliveryId = deliveryOf(messageId);

    assertTrue(BrokerProbe.retry("hookline.dlq", onDlq(deliveryId)));
    receiver.await(path("console-retry"), TestStack.MAX_ATTEMPTS + 1, WAIT);
    awaitDeliveryStatus(messageId, "DELIVERED");
    assertEquals(
        0, BrokerProbe.count("hookline.dlq", onDlq(deliveryId)), "the dead letter left the queue");
  }

  @Test
  void recoverRequeuesEveryDeadDeliveryInTheWindow() {
    OffsetDateTime since = OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(1);
    // Two messages: with more, the breaker (open after 5 failures) would stretch the test.
    String endpoint = failingEndpoint("recover", 2);
    List<String> messages = List.of(sendMessage(app, "dl.test"), sendMessage(app, "dl.test"));
    for (String messageId : messages) {
      awaitDeliveryStatus(messageId, "DEAD");
    }

    Api.Response recovered =
        api.post(
            "/api/v1/app/" + app + "/endpoint/" + endpoint + "/recover",
            Json.createObjectBuilder().add("since", since.toString()).build());
    assertEquals(202, recovered.status(), recovered.body());
    assertEquals(2, recovered.json().getInt("recovered"));
    for (String messageId : messages) {
      awaitDeliveryStatus(messageId, "DELIVERED");
    }
    Set<String> ids = new HashSet<>();
    receiver.received(path("recover")).forEach(r -> ids.add(r.header("webhook-id")));
    assertEquals(Set.copyOf(messages), ids);
  }

  @Test
  void aMessageCanBeResentToAnEndpointThatCameLater() {
    String messageId = sendMessage(app, "dl.test");
    String later =
        api.create(
                "/api/v1/app/" + app + "/endpoint",
                Json.createObjectBuilder().add("url", receiver.url(path("later"))).build())
            .getString("id");
    assertEquals(
        202,
        api.post(
                "/api/v1/app/" + app + "/msg/" + messageId + "/endpoint/" + later + "/resend",
                JsonValue.EMPTY_JSON_OBJECT)
            .status());
    assertEquals(messageId, receiver.await(path("later"), 1, WAIT).get(0).header("webhook-id"));
  }

  @Test
  void resendingToADisabledEndpointOrAnUnknownMessageIsRefused() {
    String messageId = sendMessage(app, "dl.test");
    String endpoint =
        api.create(
                "/api/v1/app/" + app + "/endpoint",
                Json.createObjectBuilder().add("url", receiver.url(path("off"))).build())
            .getString("id");
    api.send(
        "PATCH",
        "/api/v1/app/" + app + "/endpoint/" + endpoint,
        "{\"disabled\":true}",
        "application/json",
        TestStack.ADMIN_TOKEN);
    Api.Response refused =
        api.post(
            "/api/v1/app/" + app + "/msg/" + messageId + "/endpoint/" + endpoint + "/resend",
            JsonValue.EMPTY_JSON_OBJECT);
    assertEquals(409, refused.status(), refused.body());
    assertEquals(
        404,
        api.post(
                "/api/v1/app/"
                    + app
                    + "/msg/msg_00000000000000000000000000/endpoint/"
                    + endpoint
                    + "/resend",
                JsonValue.EMPTY_JSON_OBJECT)
            .status());
    Api.Response badWindow =
        api.post(
            "/api/v1/app/" + app + "/endpoint/" + endpoint + "/recover",
            Json.createObjectBuilder().add("since", "yesterday").build());
    assertEquals(422, badWindow.status(), badWindow.body());
    assertEquals("since", badWindow.json().getString("field"));
  }

  /** A message whose one delivery, to a new endpoint that fails every try, is dead. */
  private String deadMessage(String endpointName) {
    failingEndpoint(endpointName, 1);
    String messageId = sendMessage(app, "dl.test");
    awaitDeliveryStatus(messageId, "DEAD");
    return messageId;
  }

  private static String deliveryOf(String messageId) {
    return Sql.strings(
            TestStack.microDatabase(), "select id from delivery where message_id = ?", messageId)
        .get(0);
  }
}
