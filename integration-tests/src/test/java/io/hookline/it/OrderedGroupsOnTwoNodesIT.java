package io.hookline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Two nodes accept, at the same moment, groups of messages that touch the same two ordered
 * endpoints in opposite orders: every group is accepted (no deadlock between them), and each
 * endpoint gets its messages in the order of their numbers.
 */
@org.junit.jupiter.api.extension.ExtendWith(TwoNodes.Running.class)
class OrderedGroupsOnTwoNodesIT extends MicroTest {
  private static final int ROUNDS = 20;
  private static final int PER_ENDPOINT = 15;

  @Test
  void groupsInOppositeOrdersAreAllAcceptedAndEachEndpointKeepsItsOrder() throws Exception {
    String app = createApp("ordered groups on two nodes");
    String pathA = "/" + app + "/a";
    String pathB = "/" + app + "/b";
    String endpointA = orderedEndpoint(app, pathA, "a.*");
    String endpointB = orderedEndpoint(app, pathB, "b.*");
    String batchPath = "/api/v1/app/" + app + "/msg/batch";
    jakarta.json.JsonObject aThenB = batch("a.sent", "b.sent");
    jakarta.json.JsonObject bThenA = batch("b.sent", "a.sent");
    List<Api> nodes = List.of(api, TwoNodes.secondNodeApi());
    List<jakarta.json.JsonObject> bodies = List.of(aThenB, bThenA);
    ExecutorService senders = Executors.newFixedThreadPool(2);
    List<String> failures = new ArrayList<>();
    try {
      for (int round = 0; round < ROUNDS; round++) {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Api.Response>> answers = new ArrayList<>();
        for (int n = 0; n < nodes.size(); n++) {
          Api node = nodes.get(n);
          jakarta.json.JsonObject body = bodies.get(n);
          answers.add(
              senders.submit(
                  () -> {
                    go.await();
                    return node.post(batchPath, body);
                  }));
        }
        go.countDown();
        for (Future<Api.Response> answer : answers) {
          Api.Response response = answer.get();
          if (response.status() != 200 || response.json().getInt("accepted") != 2 * PER_ENDPOINT) {
            failures.add("round " + round + ": " + response.status() + " " + response.body());
          }
        }
      }
    } finally {
      senders.shutdownNow();
    }
    assertEquals(List.of(), failures, "every group accepted");

    // Each endpoint gets its messages in the order of their numbers: checked on the first ones
    // (the whole backlog, one at a time, would take minutes), then the rest are let go.
    for (String[] endpoint : new String[][] {{endpointA, pathA}, {endpointB, pathB}}) {
      List<String> received =
          receiver.await(endpoint[1], 2 * PER_ENDPOINT, WAIT).stream()
              .map(r -> r.header("webhook-id"))
              .toList();
      List<String> numbered =
          Sql.strings(
              TestStack.microDatabase(),
              "select message_id from delivery where endpoint_id = ? order by seq",
              endpoint[0]);
      assertEquals(ROUNDS * 2 * PER_ENDPOINT, numbered.size());
      assertEquals(
          numbered.subList(0, received.size()),
          received,
          "the endpoint got its messages in the order of their numbers");
      api.send(
          "PATCH",
          "/api/v1/app/" + app + "/endpoint/" + endpoint[0],
          "{\"disabled\":true}",
          "application/json",
          TestStack.ADMIN_TOKEN);
    }
    Eventually.await(
        "the disabled endpoints' deliveries settled",
        Duration.ofSeconds(120),
        () ->
            Sql.count(
                TestStack.microDatabase(),
                "select count(*) from delivery where endpoint_id in (?, ?) and status = 'PENDING'",
                endpointA,
                endpointB),
        pending -> pending == 0);
  }

  private static String orderedEndpoint(String app, String path, String eventTypes) {
    return api.create(
            "/api/v1/app/" + app + "/endpoint",
            Json.createObjectBuilder()
                .add("url", receiver.url(path))
                .add("ordered", true)
                .add("eventTypes", Json.createArrayBuilder().add(eventTypes))
                .build())
        .getString("id");
  }

  /** A batch of messages to the first event type's endpoint, then as many to the second's. */
  private static jakarta.json.JsonObject batch(String first, String second) {
    JsonArrayBuilder messages = Json.createArrayBuilder();
    for (String eventType : List.of(first, second)) {
      for (int i = 0; i < PER_ENDPOINT; i++) {
        messages.add(
            Json.createObjectBuilder()
                .add("eventType", eventType)
                .add("payload", Json.createObjectBuilder().add("i", i)));
      }
    }
    return Json.createObjectBuilder().add("messages", messages).build();
  }

  /**
   * Two nodes accept, at the same moment, groups claiming the same eventIds in opposite orders:
   * neither fails as a whole (each item is accepted on one node and answered there or with a 409 on
   * the other), and each eventId is one message.
   */
  @Test
  void groupsClaimingTheSameEventIdsInOppositeOrdersAreNeverRefusedWhole() throws Exception {
    String app = createApp("claims on two nodes");
    String batchPath = "/api/v1/app/" + app + "/msg/batch";
    List<Api> nodes = List.of(api, TwoNodes.secondNodeApi());
    ExecutorService senders = Executors.newFixedThreadPool(2);
    List<String> failures = new ArrayList<>();
    try {
      for (int round = 0; round < ROUNDS; round++) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 2 * PER_ENDPOINT; i++) {
          ids.add("r" + round + "-" + i);
        }
        List<String> reversed = new ArrayList<>(ids);
        java.util.Collections.reverse(reversed);
        List<jakarta.json.JsonObject> bodies = List.of(withEventIds(ids), withEventIds(reversed));
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Api.Response>> answers = new ArrayList<>();
        for (int n = 0; n < nodes.size(); n++) {
          Api node = nodes.get(n);
          jakarta.json.JsonObject body = bodies.get(n);
          answers.add(
              senders.submit(
                  () -> {
                    go.await();
                    return node.post(batchPath, body);
                  }));
        }
        go.countDown();
        for (Future<Api.Response> answer : answers) {
          Api.Response response = answer.get();
          if (response.status() != 200) {
            failures.add("round " + round + ": " + response.status() + " " + response.body());
          }
        }
      }
    } finally {
      senders.shutdownNow();
    }
    assertEquals(List.of(), failures, "no group refused as a whole");
    assertEquals(
        (long) ROUNDS * 2 * PER_ENDPOINT,
        Sql.count(TestStack.microDatabase(), "select count(*) from message where app_id = ?", app),
        "one message per eventId");
  }

  private static jakarta.json.JsonObject withEventIds(List<String> eventIds) {
    JsonArrayBuilder messages = Json.createArrayBuilder();
    for (String eventId : eventIds) {
      messages.add(
          Json.createObjectBuilder()
              .add("eventType", "claimed.sent")
              .add("eventId", eventId)
              .add("payload", Json.createObjectBuilder()));
    }
    return Json.createObjectBuilder().add("messages", messages).build();
  }
}
