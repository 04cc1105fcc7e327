package io.hookline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The per-endpoint circuit breaker, in the database: it opens after 5 failures in a row (default),
 * then deliveries wait without calling the endpoint or spending tries until one probe after the
 * cool-down (3 s in the tests); the probe's success closes it.
 */
class BreakerIT extends MicroTest {
  private static final Duration COOL_DOWN = Duration.ofSeconds(3);

  /** How many messages the failing endpoint is sent: enough to open its breaker (5 failures). */
  int messageCount() {
    return 5;
  }

  @Test
  void opensDefersWithoutCallingProbesAfterTheCoolDownAndCloses() {
    String app = createApp("breaker");
    String path = "/" + app;
    receiver.scriptRepeated(path, 50, 500);
    String endpoint =
        api.create(
                "/api/v1/app/" + app + "/endpoint",
                Json.createObjectBuilder().add("url", receiver.url(path)).build())
            .getString("id");
    String healthPath = "/api/v1/app/" + app + "/endpoint/" + endpoint + "/health";
    assertEquals("closed", api.get(healthPath).json().getString("state"));

    List<String> messages = new java.util.ArrayList<>();
    for (int i = 0; i < messageCount(); i++) {
      messages.add(
          api.post(
                  "/api/v1/app/" + app + "/msg",
                  Json.createObjectBuilder()
                      .add("eventType", "b.test")
                      .add("payload", Json.createObjectBuilder().add("i", i))
                      .build())
              .json()
              .getString("id"));
    }
    JsonObject open =
        Eventually.await(
            "the breaker open",
            Duration.ofSeconds(30),
            () -> api.get(healthPath).json(),
            h -> h.getString("state").equals("open"));
    assertTrue(open.getInt("consecutiveFailures") >= 5, open.toString());
    assertEquals(1, open.getInt("timesOpened"));
    OffsetDateTime openedAt = OffsetDateTime.parse(open.getString("openedAt"));
    // From now on the endpoint answers; only the probe may find that out.
    receiver.script(path, new Receiver.Reply[0]);

    List<Receiver.Received> all = receiver.await(path, messages.size() + 5, Duration.ofSeconds(30));
    // Tries decided before the breaker opened may land just after it; anything later is the probe.
    Receiver.Received probe =
        all.stream()
            .filter(r -> r.at().isAfter(openedAt.toInstant().plusMillis(500)))
            .findFirst()
            .orElseThrow();
    long waited = Duration.between(openedAt.toInstant(), probe.at()).toMillis();
    assertTrue(
        waited >= COOL_DOWN.toMillis() - 100,
        "the probe came " + waited + " ms after opening; cool-down " + COOL_DOWN);

    for (String messageId : messages) {
      Eventually.await(
          messageId + " delivered",
          Duration.ofSeconds(30),
          () -> deliveryStatus(messageId),
          s -> s.equals(List.of("DELIVERED")));
    }
    JsonObject closed = api.get(healthPath).json();
    assertEquals("closed", closed.getString("state"));
    assertEquals(0, closed.getInt("consecutiveFailures"));
    // Every call is an attempt and every attempt a call: waiting spent none.
    long attempts =
        Sql.count(
            TestStack.microDatabase(),
            "select count(*) from delivery_attempt where endpoint_id = ?",
            endpoint);
    assertEquals(receiver.received(path).size(), attempts);
  }
}
