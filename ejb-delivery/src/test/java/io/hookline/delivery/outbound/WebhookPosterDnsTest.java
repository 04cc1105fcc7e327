package io.hookline.delivery.outbound;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Duration;
import java.util.HashMap;
import org.junit.jupiter.api.Test;

/** A name that takes long to resolve costs no more than the call's own deadline. */
class WebhookPosterDnsTest {

  @Test
  void aSlowNameLookupEndsWithinTheDeadline() throws Exception {
    try (WebhookPoster poster =
        new WebhookPoster(
            Duration.ofMillis(300),
            Duration.ofMillis(500),
            host -> {
              try {
                Thread.sleep(5_000);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return new InetAddress[] {InetAddress.getLoopbackAddress()};
            })) {
      long start = System.nanoTime();
      HttpOutcome outcome =
          poster.post("https://slow-dns.example/hook", new HashMap<>(), new byte[] {'{', '}'});
      long tookMs = (System.nanoTime() - start) / 1_000_000;
      assertNull(outcome.status());
      assertTrue(tookMs < 2_000, "took " + tookMs + " ms: " + outcome.error());
    }
  }
}
