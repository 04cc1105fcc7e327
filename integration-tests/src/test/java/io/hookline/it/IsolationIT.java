package io.hookline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One subscriber's slowness does not delay another's deliveries. */
class IsolationIT extends MicroTest {

  @Test
  void aHangingEndpointDoesNotDelayAFastOne() {
    // The hanging endpoint answers after 8 s; tries give up after 5 s (HOOKLINE_DELIVERY_TIMEOUT
    // in the tests). 24 messages to it would hold all 16 consumers were it not for the
    // per-endpoint limit (4).
    receiver.slow("/hanging", Duration.ofSeconds(8));
    String app = createApp("isolation");
    for (String path : List.of("/hanging", "/fast")) {
      api.create(
          "/api/v1/app/" + app + "/endpoint",
          Json.createObjectBuilder().add("url", receiver.url(path)).build());
    }

    Instant start = Instant.now();
    int messages = 24;
    for (int i = 0; i < messages; i++) {
      Api.Response accepted =
          api.post(
              "/api/v1/app/" + app + "/msg",
              Json.createObjectBuilder()
                  .add("eventType", "iso.test")
                  .add("payload", Json.createObjectBuilder().add("i", i))
                  .build());
      assertEquals(202, accepted.status(), accepted.body());
    }
    List<Receiver.Received> fast = receiver.await("/fast", messages, Duration.ofSeconds(30));
    long lastFastMs = Duration.between(start, fast.get(messages - 1).at()).toMillis();
    assertTrue(
        lastFastMs < 4000,
        "all "
            + messages
            + " fast deliveries took "
            + lastFastMs
            + " ms while the other endpoint hung");
    assertTrue(
        receiver.received("/hanging").size() <= 4,
        "at most 4 tries in flight to the hanging endpoint: "
            + receiver.received("/hanging").size());
  }
}
