package io.hookline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The short crash test CI runs: events stream in through one node while a second node delivers too;
 * mid-stream the second node is killed -9, later the broker is killed -9 and started again. Every
 * event that got a 2xx reaches the receiver (duplicates are allowed, and counted), and none is left
 * pending.
 */
class ChaosIT extends MicroTest {
  static final int EVENTS = 300;

  @AfterAll
  static void restoreTheStack() {
    TestStack.stopSecondNode();
    if (!TestStack.broker().isRunning()) {
      TestStack.broker().start();
    }
  }

  @Test
  @org.junit.jupiter.api.Timeout(value = 6, unit = java.util.concurrent.TimeUnit.MINUTES)
  void everyAcceptedEventIsDeliveredThroughANodeAndABrokerKilled() {
    String app = createApp("chaos");
    api.create(
        "/api/v1/app/" + app + "/endpoint",
        Json.createObjectBuilder().add("url", receiver.url("/chaos")).build());
    TwoNodes.start();

    long started = System.nanoTime();
    List<String> accepted = new ArrayList<>();
    int refused = 0;
    for (int i = 0; i < EVENTS; i++) {
      if (i == EVENTS / 3) {
        TestStack.secondNode().kill();
      }
      if (i == 2 * EVENTS / 3) {
        // Killed with deliveries still queued and scheduled in its journal, then started again.
        long killedAt = System.nanoTime();
        TestStack.broker().kill();
        TestStack.broker().start();
        System.out.printf(
            "ChaosIT: broker back in %d ms%n", (System.nanoTime() - killedAt) / 1_000_000);
      }
      Api.Response sent;
      try {
        sent =
            api.post(
                "/api/v1/app/" + app + "/msg",
                Json.createObjectBuilder()
                    .add("eventType", "chaos.test")
                    .add("payload", Json.createObjectBuilder().add("i", i))
                    .build());
      } catch (RuntimeException connectionTrouble) {
        refused++;
        continue;
      }
      if (sent.status() == 202) {
        accepted.add(sent.json().getString("id"));
      } else {
        // Refused while the broker was down: never accepted, so owed nothing; told to retry.
        assertEquals(503, sent.status(), sent.body());
        assertTrue(sent.contentType().startsWith("application/problem+json"), sent.body());
        refused++;
      }
    }
    System.out.printf("ChaosIT: sending took %d ms%n", (System.nanoTime() - started) / 1_000_000);
    assertTrue(accepted.size() >= EVENTS / 2, accepted.size() + " of " + EVENTS + " accepted");

    Set<String> wanted = new HashSet<>(accepted);
    List<Receiver.Received> received =
        Eventually.await(
            "every accepted event delivered",
            Duration.ofSeconds(120),
            () -> receiver.received("/chaos"),
            all ->
                all.stream()
                    .map(r -> r.header("webhook-id"))
                    .collect(java.util.stream.Collectors.toSet())
                    .containsAll(wanted));
    Set<String> unique = new HashSet<>();
    int duplicates = 0;
    for (Receiver.Received r : received) {
      if (!unique.add(r.header("webhook-id"))) {
        duplicates++;
      }
    }
    System.out.printf(
        "ChaosIT: %d sent, %d accepted, %d refused, %d delivered (%d duplicates)%n",
        EVENTS, accepted.size(), refused, unique.size(), duplicates);
    assertTrue(unique.containsAll(wanted), "every accepted event");
    // A request cut off after its commit is accepted though the client never heard so: anything
    // delivered beyond what was acknowledged must at least be a message that was stored.
    Set<String> stored =
        new HashSet<>(
            Sql.strings(TestStack.microDatabase(), "select id from message where app_id = ?", app));
    assertTrue(stored.containsAll(unique), "nothing delivered that was not stored");
    Eventually.await(
        "nothing left pending",
        Duration.ofSeconds(60),
        () ->
            Sql.count(
                TestStack.microDatabase(),
                "select count(*) from delivery d join message m on m.id = d.message_id"
                    + " where m.app_id = ? and d.status <> 'DELIVERED'",
                app),
        n -> n == 0);
    // The periodic workers outlived the outage: a reconciler that died with it would leave any
    // message lost in the next one undelivered.
    for (String worker : List.of("reconciler", "retention", "delivery-consumers")) {
      Eventually.await(
          worker + " still running after the broker restart",
          Duration.ofSeconds(15),
          () ->
              MetricsIT.sample(
                  MetricsIT.scrape(), "worker_health_status", "worker=\"" + worker + "\""),
          value -> value.equals(java.util.Optional.of(1.0)));
    }
  }
}
