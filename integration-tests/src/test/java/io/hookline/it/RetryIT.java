package io.hookline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The retry engine on Payara Micro: the schedule (TestStack.SCHEDULE, 0s,400ms,1500ms,400ms with
 * ±20% jitter), dead letters, 410 Gone, Retry-After and redirects.
 */
class RetryIT extends MicroTest {

  /** Each test has its own app, so a message reaches only that test's endpoint. */
  private String app;

  @BeforeEach
  void newApp() {
    app = createApp("retry test");
  }

  private String endpoint(String path) {
    return api.create(
            "/api/v1/app/" + app + "/endpoint",
            Json.createObjectBuilder().add("url", receiver.url(path)).build())
        .getString("id");
  }

  private JsonArray attempts(String messageId, int atLeast) {
    return Eventually.await(
        atLeast + " attempts",
        WAIT,
        () -> AttemptLists.oldestFirst(api, app, messageId),
        a -> a.size() >= atLeast);
  }

  private static long gapMillis(List<Receiver.Received> requests, int i) {
    return Duration.between(requests.get(i - 1).at(), requests.get(i).at()).toMillis();
  }

  @Test
  void triesFollowTheScheduleAndTheLastFailureIsFinal() {
    receiver.script("/schedule", 500, 500, 500, 500);
    endpoint("/schedule");
    String messageId = sendMessage(app, "schedule.test");

    List<Receiver.Received> requests = receiver.await("/schedule", 4, WAIT);
    long first = gapMillis(requests, 1);
    long second = gapMillis(requests, 2);
    long third = gapMillis(requests, 3);
    // 400 ms, 1500 ms, 400 ms, each ±20%; scheduled delivery adds a little, never removes.
    assertTrue(first >= 320 && first < 1500, "wait before try 2: " + first);
    assertTrue(second >= 1200 && second < 3000, "wait before try 3: " + second);
    assertTrue(third >= 320 && third < 1500, "wait before try 4: " + third);

    JsonArray attempts = attempts(messageId, 4);
    for (int i = 0; i < 4; i++) {
      assertEquals(i + 1, attempts.getJsonObject(i).getInt("attempt"));
      assertEquals(AttemptLists.FAIL, attempts.getJsonObject(i).getInt("status"));
    }
    Eventually.await(
        "the delivery dead", WAIT, () -> deliveryStatus(messageId), s -> s.equals(List.of("DEAD")));
    assertEquals(4, receiver.received("/schedule").size(), "no fifth try");
  }

  @Test
  void goneDisablesTheEndpointAndDeadLettersTheDelivery() {
    receiver.script("/gone", 410);
    String endpoint = endpoint("/gone");
    String messageId = sendMessage(app, "gone.test");

    receiver.await("/gone", 1, WAIT);
    JsonObject disabled =
        Eventually.await(
            "the endpoint disabled",
            WAIT,
            () -> api.get("/api/v1/app/" + app + "/endpoint/" + endpoint).json(),
            e -> e.getBoolean("disabled"));
    assertTrue(disabled.getString("disabledReason").contains("410"), disabled.toString());
    assertEquals(List.of("DEAD"), deliveryStatus(messageId));
    // The JMS side of that transaction commits just after the row (last-agent order).
    Eventually.await(
        "its entry on hookline.dlq",
        WAIT,
        () -> BrokerProbe.count("hookline.dlq", "hooklineMessageId = '" + messageId + "'"),
        n -> n == 1);

    String later = sendMessage(app, "gone.test");
    assertEquals(
        0,
        Sql.count(
            TestStack.microDatabase(),
            "select count(*) from delivery where message_id = ? and endpoint_id = ?",
            later,
            endpoint),
        "a disabled endpoint gets no new deliveries");
    assertEquals(1, receiver.received("/gone").size());
  }

  @Test
  void retryAfterIsHonoured() {
    receiver.script("/busy", new Receiver.Reply(503, Map.of("Retry-After", "2")));
    endpoint("/busy");
    String messageId = sendMessage(app, "busy.test");

    List<Receiver.Received> requests = receiver.await("/busy", 2, WAIT);
    long gap = gapMillis(requests, 1);
    assertTrue(
        gap >= 1900, "waited " + gap + " ms, asked for 2 s (the schedule alone says 400 ms)");
    assertEquals(AttemptLists.SUCCESS, attempts(messageId, 2).getJsonObject(1).getInt("status"));
  }

  @Test
  void retryAfterIsCapped() {
    receiver.script("/greedy", new Receiver.Reply(429, Map.of("Retry-After", "3600")));
    endpoint("/greedy");
    sendMessage(app, "greedy.test");

    long gap = gapMillis(receiver.await("/greedy", 2, WAIT), 1);
    assertTrue(
        gap >= 2800 && gap < 10_000,
        "an hour asked, capped at 3 s in the tests: waited " + gap + " ms");
  }

  @Test
  void redirectsAreFailuresAndAreNotFollowed() {
    receiver.script("/moved", new Receiver.Reply(302, Map.of("Location", "/elsewhere")));
    endpoint("/moved");
    String messageId = sendMessage(app, "moved.test");

    receiver.await("/moved", 2, WAIT);
    JsonArray attempts = attempts(messageId, 2);
    assertEquals(302, attempts.getJsonObject(0).getInt("responseStatusCode"));
    assertEquals(AttemptLists.FAIL, attempts.getJsonObject(0).getInt("status"));
    assertEquals(AttemptLists.SUCCESS, attempts.getJsonObject(1).getInt("status"));
    assertFalse(receiver.received("/elsewhere").size() > 0, "the redirect was not followed");
  }
}
