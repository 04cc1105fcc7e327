package io.hookline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hookline.it.fault.FailAfterSend;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Outbound delivery on Payara Micro, a real Artemis broker and a real PostgreSQL. */
class DeliveryIT extends MicroTest {
  private static final String KNOWN_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

  private static String newApp() {
    return api.create(
            "/api/v1/app", Json.createObjectBuilder().add("name", "delivery test").build())
        .getString("id");
  }

  private static String newEndpoint(String app, String path, String secret, String... eventTypes) {
    var body =
        Json.createObjectBuilder()
            .add("url", receiver.url(path))
            .add("eventTypes", Json.createArrayBuilder(List.of(eventTypes)));
    if (secret != null) {
      body.add("secret", secret);
    }
    return api.create("/api/v1/app/" + app + "/endpoint", body.build()).getString("id");
  }

  private static JsonObject send(String app, String eventType, JsonObject payload) {
    Api.Response response =
        api.post(
            "/api/v1/app/" + app + "/msg",
            Json.createObjectBuilder().add("eventType", eventType).add("payload", payload).build());
    assertEquals(202, response.status(), response.body());
    return response.json();
  }

  @Test
  void deliveriesRunBelowTheThreadsThatAnswerTheApi() throws Exception {
    String app = newApp();
    newEndpoint(app, "/priority", null);
    send(app, "priority.test", Json.createObjectBuilder().build());
    receiver.await("/priority", 1, WAIT);
    ThreadNice.assertDeliveriesRunBelowTheApi(TestStack.micro().process().pid());
  }

  @Test
  void successesReachTheEndpointsHealthFigures() throws Exception {
    String app = newApp();
    String endpoint = newEndpoint(app, "/health-figures", null);
    for (int i = 0; i < 5; i++) {
      send(app, "figures.test", Json.createObjectBuilder().add("i", i).build());
    }
    receiver.await("/health-figures", 5, WAIT);
    // The figures an operator reads on the endpoint page, from the same health row as the breaker.
    JsonObject health =
        Eventually.await(
            "five successes on the health row",
            java.time.Duration.ofSeconds(10),
            () -> api.get("/api/v1/app/" + app + "/endpoint/" + endpoint + "/health").json(),
            h -> h.getInt("windowSuccesses") == 5);
    assertEquals("closed", health.getString("state"));
    assertEquals(0, health.getInt("windowFailures"));
    assertEquals(0, health.getInt("consecutiveFailures"));
    assertTrue(health.containsKey("lastSuccessAt"), health.toString());
  }

  @Test
  void deliversTheMessageSignedSoAReceiverCanVerifyIt() throws Exception {
    String app = newApp();
    String endpoint = newEndpoint(app, "/signed", KNOWN_SECRET);
    JsonObject payload =
        Json.createObjectBuilder()
            .add("user", "ada")
            .add("n", 42)
            .add("nested", Json.createObjectBuilder().add("ok", true))
            .build();
    long before = Instant.now().getEpochSecond();
    String messageId = send(app, "user.created", payload).getString("id");

    Receiver.Received request = receiver.await("/signed", 1, WAIT).get(0);
    assertEquals(messageId, request.header("webhook-id"));
    assertEquals("application/json", request.header("content-type"));
    long timestamp = Long.parseLong(request.header("webhook-timestamp"));
    assertTrue(
        timestamp >= before - 1 && timestamp <= Instant.now().getEpochSecond() + 1,
        "timestamp " + timestamp);
    assertTrue(
        StandardWebhooks.verifies(KNOWN_SECRET, request),
        "signature verifies with the endpoint's secret");
    assertTrue(
        !StandardWebhooks.verifies(
            "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[24]), request),
        "another secret does not verify");
    JsonObject received =
        Json.createReader(
                new java.io.StringReader(new String(request.body(), StandardCharsets.UTF_8)))
            .readObject();
    assertEquals(payload, received);

    JsonArray attempts =
        Eventually.await(
            "a recorded attempt",
            WAIT,
            () -> AttemptLists.oldestFirst(api, app, messageId),
            a -> !a.isEmpty());
    JsonObject attempt = attempts.getJsonObject(0);
    assertEquals(endpoint, attempt.getString("endpointId"));
    assertEquals(AttemptLists.SUCCESS, attempt.getInt("status"));
    assertEquals(200, attempt.getInt("responseStatusCode"));
    assertEquals(1, attempt.getInt("attempt"));

    JsonObject message = api.get("/api/v1/app/" + app + "/msg/" + messageId).json();
    assertEquals(payload, message.getJsonObject("payload"));
    assertEquals("user.created", message.getString("eventType"));
  }

  @Test
  void aGeneratedSecretIsShownOnRequestAndSignsTheDeliveries() throws Exception {
    String app = newApp();
    String endpoint = newEndpoint(app, "/generated", null);
    String secret =
        api.get("/api/v1/app/" + app + "/endpoint/" + endpoint + "/secret").json().getString("key");
    assertTrue(secret.matches("whsec_[A-Za-z0-9+/]{32}"), secret);

    send(app, "invoice.paid", Json.createObjectBuilder().add("amount", 10).build());
    assertTrue(StandardWebhooks.verifies(secret, receiver.await("/generated", 1, WAIT).get(0)));
  }

  @Test
  void onlyEndpointsWhoseEventTypesMatchGetTheMessage() {
    String app = newApp();
    String invoices = newEndpoint(app, "/filter/invoices", null, "invoice.*");
    String users = newEndpoint(app, "/filter/users", null, "user.created");
    String everything = newEndpoint(app, "/filter/all", null);

    String invoiceMessage =
        send(app, "invoice.paid", Json.createObjectBuilder().build()).getString("id");
    String userMessage =
        send(app, "user.created", Json.createObjectBuilder().build()).getString("id");

    // Delivery rows are written with the message, so routing is settled at acceptance.
    var db = TestStack.microDatabase();
    assertEquals(
        Set.of(invoices, everything),
        Set.copyOf(
            Sql.strings(
                db, "select endpoint_id from delivery where message_id = ?", invoiceMessage)));
    assertEquals(
        Set.of(users, everything),
        Set.copyOf(
            Sql.strings(db, "select endpoint_id from delivery where message_id = ?", userMessage)));

    assertEquals(Set.of(invoiceMessage, userMessage), ids(receiver.await("/filter/all", 2, WAIT)));
    assertEquals(Set.of(userMessage), ids(receiver.await("/filter/users", 1, WAIT)));
    assertEquals(Set.of(invoiceMessage), ids(receiver.await("/filter/invoices", 1, WAIT)));
  }

  @Test
  void sendsOfSeveralAppsCommittedTogetherReachOnlyTheirOwnAppsEndpoints() throws Exception {
    // A group commit takes every single send waiting for it, whatever its app, so one transaction
    // holds messages of several apps and fans them out together.
    List<String> apps = List.of(newApp(), newApp(), newApp(), newApp());
    Map<String, String> everythingEndpointOf = new HashMap<>();
    Map<String, String> usersEndpointOf = new HashMap<>();
    for (int i = 0; i < apps.size(); i++) {
      String app = apps.get(i);
      everythingEndpointOf.put(app, newEndpoint(app, "/together/" + i + "/all", null));
      usersEndpointOf.put(app, newEndpoint(app, "/together/" + i + "/users", null, "user.created"));
    }
    var db = TestStack.microDatabase();
    String inApps = "app_id in (?, ?, ?, ?)";
    String sharedTransactions =
        "select count(*) from (select xmin::text from message where "
            + inApps
            + " group by xmin::text having count(distinct app_id) > 1) shared";
    Map<String, String> appOf = new ConcurrentHashMap<>();
    Map<String, String> typeOf = new ConcurrentHashMap<>();
    ExecutorService senders = Executors.newFixedThreadPool(32);
    try {
      for (int burst = 0;
          burst < 5 && Sql.count(db, sharedTransactions, apps.toArray()) == 0;
          burst++) {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> sent = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
          String app = apps.get(i % apps.size());
          String type = i % 8 < 4 ? "invoice.paid" : "user.created";
          sent.add(
              senders.submit(
                  () -> {
                    go.await();
                    String id = send(app, type, Json.createObjectBuilder().build()).getString("id");
                    appOf.put(id, app);
                    typeOf.put(id, type);
                    return null;
                  }));
        }
        go.countDown();
        for (Future<?> each : sent) {
          each.get(1, TimeUnit.MINUTES);
        }
      }
    } finally {
      senders.shutdownNow();
    }
    assertTrue(
        Sql.count(db, sharedTransactions, apps.toArray()) > 0,
        "five bursts of 32 concurrent sends never shared a transaction across apps");

    for (var message : appOf.entrySet()) {
      String app = message.getValue();
      Set<String> expected =
          typeOf.get(message.getKey()).equals("user.created")
              ? Set.of(everythingEndpointOf.get(app), usersEndpointOf.get(app))
              : Set.of(everythingEndpointOf.get(app));
      assertEquals(
          expected,
          Set.copyOf(
              Sql.strings(
                  db, "select endpoint_id from delivery where message_id = ?", message.getKey())),
          "the deliveries of " + message.getKey());
    }
    for (int i = 0; i < apps.size(); i++) {
      String app = apps.get(i);
      Set<String> ofApp =
          appOf.entrySet().stream()
              .filter(e -> e.getValue().equals(app))
              .map(Map.Entry::getKey)
              .collect(Collectors.toSet());
      Set<String> usersOfApp =
          ofApp.stream()
              .filter(id -> typeOf.get(id).equals("user.created"))
              .collect(Collectors.toSet());
      assertEquals(ofApp, ids(receiver.await("/together/" + i + "/all", ofApp.size(), WAIT)));
      assertEquals(
          usersOfApp, ids(receiver.await("/together/" + i + "/users", usersOfApp.size(), WAIT)));
    }
  }

  @Test
  void aReceiverAnswering500GetsTheMessageAgain() {
    String app = newApp();
    receiver.script("/flaky", 500);
    String endpoint = newEndpoint(app, "/flaky", null);
    String messageId =
        send(app, "order.shipped", Json.createObjectBuilder().add("order", 7).build())
            .getString("id");

    List<Receiver.Received> requests = receiver.await("/flaky", 2, WAIT);
    assertEquals(messageId, requests.get(0).header("webhook-id"));
    assertEquals(messageId, requests.get(1).header("webhook-id"));
    assertTrue(
        java.util.Arrays.equals(requests.get(0).body(), requests.get(1).body()),
        "same bytes both times");

    JsonArray attempts =
        Eventually.await(
            "two recorded attempts",
            WAIT,
            () -> AttemptLists.oldestFirst(api, app, messageId),
            a -> a.size() >= 2);
    assertEquals(2, attempts.size(), attempts.toString());
    assertEquals(AttemptLists.FAIL, attempts.getJsonObject(0).getInt("status"));
    assertEquals(500, attempts.getJsonObject(0).getInt("responseStatusCode"));
    assertEquals(1, attempts.getJsonObject(0).getInt("attempt"));
    assertEquals(AttemptLists.SUCCESS, attempts.getJsonObject(1).getInt("status"));
    assertEquals(2, attempts.getJsonObject(1).getInt("attempt"));
    assertEquals(endpoint, attempts.getJsonObject(1).getString("endpointId"));
    assertEquals(List.of("DELIVERED"), deliveryStatus(messageId));
  }

  @Test
  void afterTheLastFailedTryTheDeliveryIsDeadInTheDatabaseAndTheDeadLetterQueue() {
    String app = newApp();
    receiver.scriptRepeated("/down", TestStack.MAX_ATTEMPTS, 503);
    newEndpoint(app, "/down", null);
    String messageId =
        send(app, "order.cancelled", Json.createObjectBuilder().build()).getString("id");

    receiver.await("/down", TestStack.MAX_ATTEMPTS, WAIT);
    Eventually.await(
        "the delivery marked dead",
        WAIT,
        () -> deliveryStatus(messageId),
        s -> s.equals(List.of("DEAD")));
    // The JMS side of that transaction commits just after the row (last-agent order).
    awaitQueued("its entry on hookline.dlq", "hookline.dlq", messageId, 1);
    assertEquals(TestStack.MAX_ATTEMPTS, AttemptLists.oldestFirst(api, app, messageId).size());
    assertEquals(
        TestStack.MAX_ATTEMPTS, receiver.received("/down").size(), "no try after the last");
  }

  /**
   * The outbound call's @Retry: the test stack raises its maxRetries to 2 with MicroProfile Config
   * (TestStack.MICRO_FT_MAX_RETRIES), so two drops in a row still make one successful try. With the
   * default of 1 (as EarOnPayaraServerIT has it) the second drop would fail the try.
   */
  @Test
  void aDroppedConnectionIsRetriedAtOnceWithinTheSameTryAsOftenAsConfigured() {
    String app = newApp();
    receiver.script("/dropped", Receiver.Reply.dropConnection(), Receiver.Reply.dropConnection());
    newEndpoint(app, "/dropped", null);
    String messageId = send(app, "drop.test", Json.createObjectBuilder().build()).getString("id");

    List<Receiver.Received> requests =
        receiver.await("/dropped", TestStack.MICRO_FT_MAX_RETRIES + 1, WAIT);
    JsonArray attempts =
        Eventually.await(
            "the attempt",
            WAIT,
            () -> AttemptLists.oldestFirst(api, app, messageId),
            a -> !a.isEmpty());
    assertEquals(
        1,
        attempts.size(),
        "MicroProfile Fault Tolerance retried inside the first try: " + attempts);
    // One attempt row, and it succeeded: the retries were FT's, inside the try, not the schedule's
    // (which would have recorded a failed try first).
    assertEquals(AttemptLists.SUCCESS, attempts.getJsonObject(0).getInt("status"));
    assertEquals(TestStack.MICRO_FT_MAX_RETRIES + 1, requests.size());
  }

  @Test
  void aFailureAfterTheJmsSendLeavesNeitherTheRowNorTheMessage() {
    String app = newApp();
    newEndpoint(app, "/atomic", null);
    long orphansBefore = orphanWarnings();

    Api.Response failed =
        api.post(
            "/api/v1/app/" + app + "/msg",
            Json.createObjectBuilder()
                .add("eventType", FailAfterSend.EVENT_TYPE)
                .add("payload", Json.createObjectBuilder())
                .build());
    assertEquals(500, failed.status(), failed.body());
    assertTrue(failed.contentType().startsWith("application/problem+json"), failed.contentType());

    var db = TestStack.microDatabase();
    assertEquals(0, Sql.count(db, "select count(*) from message where app_id = ?", app));
    assertEquals(
        0,
        Sql.count(
            db,
            "select count(*) from delivery d join endpoint e on e.id = d.endpoint_id where e.app_id = ?",
            app));
    java.util.regex.Matcher rolledBack =
        java.util.regex.Pattern.compile("injected failure after the JMS send of (msg_[0-9A-Z]+)")
            .matcher(microLog());
    assertTrue(rolledBack.find(), "the failure was injected after the send");
    assertEquals(
        0,
        BrokerProbe.count(
            "hookline.deliveries", "hooklineMessageId = '" + rolledBack.group(1) + "'"),
        "no JMS message was committed");

    // The same path works when nothing fails, and only that message arrives.
    String good = send(app, "order.created", Json.createObjectBuilder().build()).getString("id");
    assertEquals(Set.of(good), ids(receiver.await("/atomic", 1, WAIT)));
    assertEquals(1, Sql.count(db, "select count(*) from message where app_id = ?", app));
    // A committed JMS message without its row would have been consumed and reported by now.
    assertEquals(
        orphansBefore, orphanWarnings(), "no JMS message arrived for a row that does not exist");
  }

  @Test
  void aTryWhoseTransactionFailsIsMadeAgainByTheBrokersRedelivery() {
    String app = newApp();
    String endpoint = newEndpoint(app, "/rolled-back", null);
    var db = TestStack.microDatabase();
    // The first two tries of this endpoint's delivery fail at commit, after their POST: the
    // database refuses the attempt row. A sequence counts them, since it is not rolled back.
    String fault = "it_fail_" + endpoint.toLowerCase(java.util.Locale.ROOT);
    Sql.update(db, "create sequence " + fault);
    Sql.update(
        db,
        "create function "
            + fault
            + "() returns trigger language plpgsql as $$ begin"
            + " if new.endpoint_id = '"
            + endpoint
            + "' and nextval('"
            + fault
            + "') <= 2 then raise exception 'injected failure of delivery %', new.delivery_id;"
            + " end if; return new; end $$");
    Sql.update(
        db,
        "create trigger "
            + fault
            + " before insert on delivery_attempt for each row execute function "
            + fault
            + "()");
    try {
      String id = send(app, "order.created", Json.createObjectBuilder().build()).getString("id");
      List<Receiver.Received> requests = receiver.await("/rolled-back", 3, WAIT);
      assertEquals(Set.of(id), ids(requests));
      Map<String, String> delivery =
          Eventually.await(
                  "the third try's commit",
                  WAIT,
                  () ->
                      Sql.rows(
                          db,
                          "select status, attempt_count from delivery where message_id = ?",
                          id),
                  rows -> rows.size() == 1 && "DELIVERED".equals(rows.get(0).get("status")))
              .get(0);
      assertEquals("1", delivery.get("attempt_count"), "the rolled-back tries left no trace");
      assertEquals(
          1, Sql.count(db, "select count(*) from delivery_attempt where message_id = ?", id));
      awaitQueued(
          "the broker to drop the message once its try committed", "hookline.deliveries", id, 0);
      assertEquals(
          3,
          receiver.received("/rolled-back").size(),
          () ->
              "no try after the one that took: "
                  + receiver.received("/rolled-back").stream()
                      .map(r -> r.at() + " " + r.header("webhook-timestamp"))
                      .toList());
    } finally {
      Sql.update(db, "drop trigger " + fault + " on delivery_attempt");
      Sql.update(db, "drop function " + fault + "()");
      Sql.update(db, "drop sequence " + fault);
    }
  }

  @Test
  void aMessageRepeatedAfterItsTryCommittedSendsNothingMore() {
    String app = newApp();
    String endpoint = newEndpoint(app, "/repeated", null);
    String id = send(app, "order.created", Json.createObjectBuilder().build()).getString("id");
    receiver.await("/repeated", 1, WAIT);
    var db = TestStack.microDatabase();
    String deliveryId =
        Eventually.await(
                "the delivery's commit",
                WAIT,
                () ->
                    Sql.strings(
                        db,
                        "select id from delivery where message_id = ? and status = 'DELIVERED'",
                        id),
                ids -> ids.size() == 1)
            .get(0);

    // The listener's message is acknowledged after the rows commit: when a crash comes between
    // the two, the broker hands the same message out again.
    BrokerProbe.send(
        "hookline.deliveries",
        deliveryId,
        Map.of("hooklineAttempt", 1, "hooklineMessageId", id, "hooklineEndpointId", endpoint));
    String selector = "hooklineMessageId = '" + id + "'";
    Eventually.await(
        "the repeated message taken and acknowledged",
        WAIT,
        () ->
            BrokerProbe.count("hookline.deliveries", selector)
                + BrokerProbe.delivering("hookline.deliveries", selector),
        left -> left == 0);
    assertEquals(1, receiver.received("/repeated").size(), "the webhook went out again");
    assertEquals(
        1, Sql.count(db, "select count(*) from delivery_attempt where message_id = ?", id));
  }

  /** Waits until {@code queue} holds {@code count} JMS messages for the message {@code id}. */
  private static void awaitQueued(String what, String queue, String id, long count) {
    Eventually.await(
        what,
        WAIT,
        () -> BrokerProbe.count(queue, "hooklineMessageId = '" + id + "'"),
        n -> n == count);
  }

  private static String microLog() {
    try {
      return java.nio.file.Files.readString(TestStack.micro().process().log());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static long orphanWarnings() {
    return microLog().lines().filter(line -> line.contains("has no row; dropped")).count();
  }

  private static Set<String> ids(List<Receiver.Received> requests) {
    return requests.stream().map(r -> r.header("webhook-id")).collect(Collectors.toSet());
  }
}
