package io.hookline.it;

import jakarta.json.Json;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * What the black-box tests on Payara Micro share: the API client, a loopback receiver for each test
 * class, and the lookups of delivery state they assert on.
 */
abstract class MicroTest {
  static final Duration WAIT = Duration.ofSeconds(30);

  static Api api;
  static Receiver receiver;

  @BeforeAll
  static void startReceiver() {
    api = TestStack.microApi();
    receiver = Receiver.start();
  }

  @AfterAll
  static void stopReceiver() {
    receiver.close();
  }

  static String createApp(String name) {
    return api.create("/api/v1/app", Json.createObjectBuilder().add("name", name).build())
        .getString("id");
  }

  /**
   * Subscribes the receiver's {@code path} to every event of the app; returns the endpoint's id.
   */
  static String createEndpoint(String app, String path) {
    return api.create(
            "/api/v1/app/" + app + "/endpoint",
            Json.createObjectBuilder().add("url", receiver.url(path)).build())
        .getString("id");
  }

  /** Sends a message with an empty payload to the app; returns its id, failing unless 202. */
  static String sendMessage(String app, String eventType) {
    Api.Response response =
        api.post(
            "/api/v1/app/" + app + "/msg",
            Json.createObjectBuilder()
                .add("eventType", eventType)
                .add("payload", Json.createObjectBuilder())
                .build());
    org.junit.jupiter.api.Assertions.assertEquals(202, response.status(), response.body());
    return response.json().getString("id");
  }

  static List<String> deliveryStatus(String messageId) {
    return Sql.strings(
        TestStack.microDatabase(), "select status from delivery where message_id = ?", messageId);
  }

  /** Waits until the message's one delivery has the status (DELIVERED, DEAD, ...). */
  static void awaitDeliveryStatus(String messageId, String status) {
    Eventually.await(
        messageId + " " + status,
        WAIT,
        () -> deliveryStatus(messageId),
        s -> s.equals(List.of(status)));
  }

  /**
   * Waits until {@code count} deliveries of the app's messages are DELIVERED. Each row is marked
   * once its try's transaction commits, just after the receiver has the webhook.
   */
  static void awaitDeliveredRows(String app, long count) {
    Eventually.await(
        count + " delivered rows of " + app,
        WAIT,
        () ->
            Sql.count(
                TestStack.microDatabase(),
                "select count(*) from delivery d join message m on m.id = d.message_id"
                    + " where m.app_id = ? and d.status = 'DELIVERED'",
                app),
        delivered -> delivered == count);
  }
}
