package io.hookline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An endpoint's rateLimit holds; over-limit deliveries wait, and are neither lost nor failed. */
class RateLimitIT extends MicroTest {
  private static final int RATE = 5;
  private static final int MESSAGES = 25;

  @Test
  void deliveriesKeepToTheRateWithinTenPercent() {
    String app = createApp("rate");
    String path = "/" + app;
    String endpoint =
        api.create(
                "/api/v1/apps/" + app + "/endpoints",
                Json.createObjectBuilder()
                    .add("url", receiver.url(path))
                    .add("rateLimit", RATE)
                    .build())
            .getString("id");
    assertEquals(
        RATE, api.get("/api/v1/apps/" + app + "/endpoints/" + endpoint).json().getInt("rateLimit"));

    for (int i = 0; i < MESSAGES; i++) {
      api.post(
          "/api/v1/apps/" + app + "/messages",
          Json.createObjectBuilder()
              .add("eventType", "rate.test")
              .add("payload", Json.createObjectBuilder().add("i", i))
              .build());
    }
    List<Receiver.Received> requests = receiver.await(path, MESSAGES, Duration.ofSeconds(60));

    // Once the first second's burst is spent, the bucket is empty at every take and a token comes
    // every 1/RATE s, so from then on deliveries arrive at RATE a second. Measured from the
    // 2*RATE-th arrival, well past the burst (the bucket also refills while the messages are being
    // posted), to the last: some three seconds, against which the receiver's jitter is small.
    // (Windows that start at the burst mislead: the first requests to a new receiver open their
    // connections and can arrive together, though their tokens were taken 100 ms apart.)
    int from = 2 * RATE;
    double seconds =
        Duration.between(requests.get(from).at(), requests.get(MESSAGES - 1).at()).toNanos() / 1e9;
    double rate = (MESSAGES - 1 - from) / seconds;
    assertTrue(
        rate <= RATE * 1.1,
        "after the burst, delivered at "
            + rate
            + "/s ("
            + (MESSAGES - 1 - from)
            + " in "
            + seconds
            + " s), limit "
            + RATE
            + "/s");
    assertTrue(rate >= RATE * 0.5, "and not needlessly slower: " + rate + "/s");

    // The last try's row commits just after its response reached the receiver.
    Eventually.await(
        "all attempts recorded",
        WAIT,
        () ->
            Sql.count(
                TestStack.microDatabase(),
                "select count(*) from delivery_attempt where endpoint_id = ?",
                endpoint),
        n -> n == MESSAGES);
    long failed =
        Sql.count(
            TestStack.microDatabase(),
            "select count(*) from delivery_attempt where endpoint_id = ? and status <> 'SUCCEEDED'",
            endpoint);
    assertEquals(0, failed, "waiting for the rate is not a failed try");
  }

  @Test
  void anInvalidRateIsRefused() {
    String app = createApp("rate");
    for (var bad : List.of(Json.createValue(0), Json.createValue(1.5), Json.createValue("fast"))) {
      Api.Response refused =
          api.post(
              "/api/v1/apps/" + app + "/endpoints",
              Json.createObjectBuilder()
                  .add("url", receiver.url("/x"))
                  .add("rateLimit", bad)
                  .build());
      assertEquals(422, refused.status(), bad + ": " + refused.body());
      assertEquals("rateLimit", refused.json().getString("field"));
    }
  }
}
