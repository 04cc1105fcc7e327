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
                "/api/v1/apps/" + app + "/endpoints",
                Json.createObjectBuilder()
                    .add("url", receiver.url(path))
                    .add("ordered", true)
                    .build())
            .getString("id");
    assertTrue(
        api.get("/api/v1/apps/" + app + "/endpoints/" + endpoint).json().getBoolean("ordered"));

    List<String> accepted = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      accepted.add(
          api.post(
                  "/api/v1/apps/" + app + "/messages",
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
}
