package io.hookline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Delivery metrics in Prometheus text at /metrics, after real traffic. */
class MetricsIT extends MicroTest {

  static String scrape() {
    Api.Response metrics = api.send("GET", "/metrics", null, null, null);
    assertEquals(200, metrics.status(), metrics.body());
    return metrics.body();
  }

  /** The value of the first sample line with this name and all these label fragments. */
  static Optional<Double> sample(String scrape, String name, String... labels) {
    return scrape
        .lines()
        .filter(
            line ->
                line.startsWith(name + "{") && List.of(labels).stream().allMatch(line::contains))
        .map(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .findFirst();
  }

  @Test
  void queueDepthAndWorkerHealthAreGauges() {
    String scrape = scrape();
    assertTrue(
        sample(scrape, "webhook_queue_depth", "queue=\"hookline.deliveries\"").orElse(-1.0) >= 0,
        "queue depth read from Artemis:\n" + scrape);
    assertTrue(
        sample(scrape, "webhook_queue_depth", "queue=\"hookline.dlq\"").orElse(-1.0) >= 0,
        "dead-letter queue depth");
    for (String worker : List.of("delivery-consumers", "reconciler", "retention", "recoveries")) {
      assertEquals(
          Optional.of(1.0),
          sample(scrape, "worker_health_status", "worker=\"" + worker + "\""),
          worker + " healthy");
    }
  }

  @Test
  void deliveriesAreCountedAndTimedPerEndpoint() {
    String app = createApp("metrics");
    String ok = createEndpoint(app, "/metrics-ok");
    String messageId = sendMessage(app, "m.test");
    receiver.await("/metrics-ok", 1, WAIT);
    awaitDeliveryStatus(messageId, "DELIVERED");

    String scrape = scrape();
    String endpoint = "endpoint=\"" + ok + "\"";
    assertEquals(
        Optional.of(1.0),
        sample(scrape, "webhook_deliveries_total", endpoint, "status=\"success\""),
        "one successful delivery counted");
    assertEquals(
        Optional.of(1.0), sample(scrape, "webhook_delivery_duration_seconds_count", endpoint));
    assertTrue(
        sample(scrape, "webhook_delivery_duration_seconds_bucket", endpoint, "le=\"0.01\"")
            .isPresent(),
        "10 ms bucket");
    assertEquals(
        Optional.of(1.0),
        sample(scrape, "webhook_delivery_duration_seconds_bucket", endpoint, "le=\"5.0\""),
        "5 s bucket holds it");
    assertTrue(
        scrape.lines().noneMatch(line -> line.contains(receiver.url("/metrics-ok"))),
        "no URL in any label");
  }

  @Test
  void aDeletedEndpointsSeriesAreRemoved() {
    String app = createApp("metrics-deleted");
    String gone = createEndpoint(app, "/metrics-deleted");
    String messageId = sendMessage(app, "m.test");
    receiver.await("/metrics-deleted", 1, WAIT);
    awaitDeliveryStatus(messageId, "DELIVERED");
    String endpoint = "endpoint=\"" + gone + "\"";
    assertTrue(sample(scrape(), "webhook_deliveries_total", endpoint).isPresent(), "counted first");

    Api.Response deleted =
        api.send(
            "DELETE",
            "/api/v1/app/" + app + "/endpoint/" + gone,
            null,
            null,
            TestStack.ADMIN_TOKEN);
    assertEquals(204, deleted.status(), deleted.body());
    String after = scrape();
    assertTrue(
        after.lines().noneMatch(line -> line.contains(endpoint)),
        "no series of the deleted endpoint left:\n" + after);
  }
}
