package io.hookline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An ordered endpoint gets its messages in acceptance order, each after the one before. */
class OrderedIT extends MicroTest {

  @Test
  void laterMessagesWaitWhileAnEarlierOneIsRetried() {
    String app = createApp("ordered");
    String path = "/" + app;
    // The first message's first two tries fail; the rest must not overtake it.
    receiver.script(path, 500, 500);
    String endpoint =
        api.create(
                "/api/v1/app/" + app + "/endpoint",
                Json.createObjectBuilder()
                    .add("url", receiver.url(path))
                    .add("ordered", true)
                    .build())
            .getString("id");
    assertTrue(
        api.get("/api/v1/app/" + app + "/endpoint/" + endpoint).json().getBoolean("ordered"));

    List<String> accepted = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      accepted.add(
          api.post(
                  "/api/v1/app/" + app + "/msg",
                  Json.createObjectBuilder()
                      .add("eventType", "ordered.test")
                      .add("payload", Json.createObjectBuilder().add("i", i))
                      .build())
              .json()
              .getString("id"));
    }

    List<Receiver.Received> requests =
        receiver.await(path, accepted.size() + 2, Duration.ofSeconds(30));
    List<String> seen = requests.stream().map(r -> r.header("webhook-id")).toList();
    List<String> expected = new ArrayList<>();
    expected.add(accepted.get(0));
    expected.add(accepted.get(0));
    expected.addAll(accepted);
    assertEquals(expected, seen, "two failed tries of the first, then all in acceptance order");
    for (String messageId : accepted) {
      Eventually.await(
          messageId + " delivered",
          Duration.ofSeconds(30),
          () -> deliveryStatus(messageId),
          s -> s.equals(List.of("DELIVERED")));
    }
    assertEquals(
        accepted.size() + 2,
        Sql.count(
            TestStack.microDatabase(),
            "select count(*) from delivery_attempt where endpoint_id = ?",
            endpoint),
        "waiting spent no tries");
  }

  /**
   * A message resent to an ordered endpoint it never reached takes its place at the end of the
   * line: it waits for the message being retried there, as a new message would.
   */
  @Test
  void aResendToAnOrderedEndpointWaitsItsTurn() {
    String app = createApp("ordered-resend");
    String path = "/" + app;
    String before = sendMessage(app, "ordered.test");
    receiver.script(path, 500, 500);
    String endpoint = orderedEndpoint(app, path, true);
    String retried = sendMessage(app, "ordered.test");
    receiver.await(path, 1, WAIT);
    assertEquals(
        202,
        api.post(
                "/api/v1/app/" + app + "/msg/" + before + "/endpoint/" + endpoint + "/resend",
                jakarta.json.JsonValue.EMPTY_JSON_OBJECT)
            .status());
    assertEquals(
        List.of(retried, retried, retried, before),
        receiver.await(path, 4, WAIT).stream().map(r -> r.header("webhook-id")).toList(),
        "the resent message after the one accepted before it");
    awaitDeliveryStatus(before, "DELIVERED");
  }

  /**
   * A delivery pending when its endpoint is switched to ordered still goes before the messages
   * accepted after the switch.
   */
  @Test
  void aDeliveryPendingWhenTheEndpointBecomesOrderedStaysFirst() {
    String app = createApp("ordered-switch");
    String path = "/" + app;
    receiver.script(path, 500, 500);
    String endpoint = orderedEndpoint(app, path, false);
    String first = sendMessage(app, "ordered.test");
    receiver.await(path, 1, WAIT);
    Api.Response switched =
        api.send(
            "PATCH",
            "/api/v1/app/" + app + "/endpoint/" + endpoint,
            Json.createObjectBuilder().add("ordered", true).build().toString(),
            "application/json",
            TestStack.ADMIN_TOKEN);
    assertEquals(200, switched.status(), switched.body());
    String second = sendMessage(app, "ordered.test");
    assertEquals(
        List.of(first, first, first, second),
        receiver.await(path, 4, WAIT).stream().map(r -> r.header("webhook-id")).toList(),
        "the message pending before the switch first");
    awaitDeliveryStatus(second, "DELIVERED");
  }

  private static String orderedEndpoint(String app, String path, boolean ordered) {
    return api.create(
            "/api/v1/app/" + app + "/endpoint",
            Json.createObjectBuilder()
                .add("url", receiver.url(path))
                .add("ordered", ordered)
                .build())
        .getString("id");
  }
}
