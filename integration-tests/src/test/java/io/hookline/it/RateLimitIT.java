package io.hookline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An endpoint's rateLimit holds; over-limit deliveries wait, and are neither lost nor failed. */
class RateLimitIT extends MicroTest {
  private static final int RATE = 5;
  private static final int MESSAGES = 60;

  @Test
  void deliveriesKeepToTheRateWithinTenPercent() {
    String app = createApp("rate");
    String path = "/" + app;
    String endpoint =
        api.create(
                "/api/v1/app/" + app + "/endpoint",
                Json.createObjectBuilder()
                    .add("url", receiver.url(path))
                    .add("rateLimit", RATE)
                    .build())
            .getString("id");
    assertEquals(
        RATE, api.get("/api/v1/app/" + app + "/endpoint/" + endpoint).json().getInt("rateLimit"));

    for (int i = 0; i < MESSAGES; i++) {
      api.post(
          "/api/v1/app/" + app + "/msg",
          Json.createObjectBuilder()
              .add("eventType", "rate.test")
              .add("payload", Json.createObjectBuilder().add("i", i))
              .build());
    }
    List<Receiver.Received> requests = receiver.await(path, MESSAGES, Duration.ofSeconds(90));

    RateWindows.assertKeptTo(RATE, requests);

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
              "/api/v1/app/" + app + "/endpoint",
              Json.createObjectBuilder()
                  .add("url", receiver.url("/x"))
                  .add("rateLimit", bad)
                  .build());
      assertEquals(422, refused.status(), bad + ": " + refused.body());
      assertEquals("rateLimit", refused.json().getString("field"));
    }
  }
}
