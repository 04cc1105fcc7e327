package io.hookline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The views and functions operators read (V12__operator_views.sql), after real traffic: a healthy
 * endpoint and one whose deliveries die; and the retention job removing what was delivered long
 * ago, and nothing else.
 */
class OperatorDatabaseIT extends MicroTest {

  private static List<Map<String, String>> rows(String sql, Object... params) {
    return Sql.rows(TestStack.microDatabase(), sql, params);
  }

  private static String endpoint(String app, String path) {
    return api.create(
            "/api/v1/app/" + app + "/endpoint",
            Json.createObjectBuilder().add("url", receiver.url(path)).build())
        .getString("id");
  }

  @Test
  void viewsShowHealthDegradationPerformanceAndTheQueue() {
    String app = createApp("views");
    String healthy = endpoint(app, "/views-ok");
    receiver.scriptRepeated("/views-down", TestStack.MAX_ATTEMPTS, 500);
    String failing = endpoint(app, "/views-down");
    String messageId = sendMessage(app, "views.test");
    Eventually.await(
        "one delivered, one dead",
        WAIT,
        () -> deliveryStatus(messageId).stream().sorted().toList(),
        s -> s.equals(List.of("DEAD", "DELIVERED")));

    Map<String, Map<String, String>> dashboard =
        rows("select * from v_webhook_health_dashboard where app_id = ?", app).stream()
            .collect(Collectors.toMap(r -> r.get("endpoint_id"), r -> r));
    Map<String, String> ok = dashboard.get(healthy);
    assertEquals("closed", ok.get("state"));
    assertEquals("1.0000", ok.get("success_rate_24h"));
    assertEquals("1", ok.get("attempts_24h"));
    assertEquals("0", ok.get("dead"));
    assertEquals("0", ok.get("pending"));
    Map<String, String> down = dashboard.get(failing);
    assertEquals("0.0000", down.get("success_rate_24h"));
    assertEquals(String.valueOf(TestStack.MAX_ATTEMPTS), down.get("attempts_24h"));
    assertEquals("1", down.get("dead"));

    List<Map<String, String>> degraded =
        rows("select endpoint_id, reason from v_degraded_webhooks where app_id = ?", app);
    assertEquals(1, degraded.size(), degraded.toString());
    assertEquals(failing, degraded.get(0).get("endpoint_id"));
    assertTrue(degraded.get(0).get("reason").contains("1 dead"), degraded.toString());
    assertTrue(degraded.get(0).get("reason").contains("success rate 0"), degraded.toString());

    List<Map<String, String>> performance =
        rows("select * from v_webhook_performance where endpoint_id = ?", failing);
    assertEquals(1, performance.size(), performance.toString());
    assertEquals(String.valueOf(TestStack.MAX_ATTEMPTS), performance.get(0).get("attempts"));
    assertEquals("0", performance.get(0).get("succeeded"));

    Map<String, String> stats =
        rows("select * from get_webhook_queue_stats()").stream()
            .collect(Collectors.toMap(r -> r.get("status"), r -> r.get("deliveries")));
    assertTrue(Long.parseLong(stats.get("DELIVERED")) >= 1, stats.toString());
    assertTrue(Long.parseLong(stats.get("DEAD")) >= 1, stats.toString());
  }

  @Test
  void retentionRemovesOnlyWhatWasDeliveredLongAgo() {
    String app = createApp("retention");
    endpoint(app, "/retention-ok");
    receiver.scriptRepeated("/retention-down", 2 * TestStack.MAX_ATTEMPTS, 500);
    endpoint(app, "/retention-down");
    String old = sendMessage(app, "retention.old");
    String recent = sendMessage(app, "retention.recent");
    for (String messageId : List.of(old, recent)) {
      Eventually.await(
          messageId + " settled",
          WAIT,
          () -> deliveryStatus(messageId).stream().sorted().toList(),
          s -> s.equals(List.of("DEAD", "DELIVERED")));
    }
    // Forty days back: the old message, both its deliveries, and their attempts.
    Sql.update(
        TestStack.microDatabase(),
        "update delivery set created_at = created_at - interval '40 days',"
            + " delivered_at = delivered_at - interval '40 days' where message_id = ?",
        old);
    Sql.update(
        TestStack.microDatabase(),
        "update message set created_at = created_at - interval '40 days' where id = ?",
        old);

    // The job (every second in the tests) removes the old delivered delivery and its attempts;
    // the old dead one stays (dead letters are an operator's to clear), so its message stays too.
    Eventually.await(
        "the old delivered delivery removed",
        Duration.ofSeconds(30),
        () ->
            Sql.count(
                TestStack.microDatabase(),
                "select count(*) from delivery where message_id = ? and status = 'DELIVERED'",
                old),
        n -> n == 0);
    assertEquals(List.of("DEAD"), deliveryStatus(old));
    assertEquals(
        TestStack.MAX_ATTEMPTS,
        Sql.count(
            TestStack.microDatabase(),
            "select count(*) from delivery_attempt where message_id = ?",
            old),
        "only the dead delivery's attempts are left");
    assertEquals(
        1, Sql.count(TestStack.microDatabase(), "select count(*) from message where id = ?", old));
    assertEquals(List.of("DEAD", "DELIVERED"), deliveryStatus(recent).stream().sorted().toList());

    // Once nothing of a message is left, it goes too, payload and all.
    Sql.update(
        TestStack.microDatabase(),
        "update delivery set status = 'DELIVERED', delivered_at = now() - interval '40 days'"
            + " where message_id = ?",
        old);
    Eventually.await(
        "the old message removed",
        Duration.ofSeconds(30),
        () ->
            Sql.count(TestStack.microDatabase(), "select count(*) from message where id = ?", old),
        n -> n == 0);
    assertEquals(
        0,
        Sql.count(
            TestStack.microDatabase(),
            "select count(*) from delivery_attempt where message_id = ?",
            old));
    String scrape = api.send("GET", "/metrics", null, null, null).body();
    assertTrue(
        scrape
            .lines()
            .anyMatch(l -> l.startsWith("webhook_retention_deleted_total{kind=\"messages\"")),
        "the removal is counted");
    assertThrows(
        AssertionError.class,
        () -> rows("select * from cleanup_delivered_webhooks(0)"),
        "a retention of zero days is refused");
  }

  @Test
  void retentionRemovesOldInboundEventsAndAuditRows() {
    String source =
        api.create(
                "/api/v1/source",
                Json.createObjectBuilder()
                    .add("name", "retained")
                    .add("type", "generic")
                    .add("unauthenticated", true)
                    .build())
            .getString("id");
    String oldEvent = ingestGeneric(source, "old");
    String recentEvent = ingestGeneric(source, "recent");
    // Past the inbound retention (30 days by default) and the audit retention (90 days).
    Sql.update(
        TestStack.microDatabase(),
        "update inbound_event set received_at = received_at - interval '31 days' where id = ?",
        oldEvent);
    Sql.update(
        TestStack.microDatabase(),
        "update ingest_audit set created_at = created_at - interval '91 days' where event_id = ?",
        oldEvent);
    Eventually.await(
        "the old event and its audit row removed",
        Duration.ofSeconds(30),
        () ->
            Sql.count(
                    TestStack.microDatabase(),
                    "select count(*) from inbound_event where id = ?",
                    oldEvent)
                + Sql.count(
                    TestStack.microDatabase(),
                    "select count(*) from ingest_audit where event_id = ?",
                    oldEvent),
        n -> n == 0);
    assertEquals(
        1,
        Sql.count(
            TestStack.microDatabase(),
            "select count(*) from inbound_event where id = ?",
            recentEvent));
    assertEquals(
        1,
        Sql.count(
            TestStack.microDatabase(),
            "select count(*) from ingest_audit where event_id = ?",
            recentEvent));
    assertThrows(
        AssertionError.class,
        () -> rows("select * from cleanup_inbound(0, 90)"),
        "a retention of zero days is refused");
  }

  private static String ingestGeneric(String source, String eventId) {
    Api.Response accepted =
        api.send(
            "POST",
            "/ingest/" + source,
            "{\"event_id\":\""
                + eventId
                + "\",\"event_type\":\"t.x\",\"occurred_at\":\"2026-11-23T10:00:00Z\",\"payload\":{}}",
            "application/json",
            null);
    assertEquals(202, accepted.status(), accepted.body());
    return accepted.json().getString("id");
  }
}
