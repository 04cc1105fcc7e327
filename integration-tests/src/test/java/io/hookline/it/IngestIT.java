package io.hookline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.standardwebhooks.Webhook;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * Inbound sources end to end: requests signed by the providers' own libraries (Stripe's
 * stripe-java, the Standard Webhooks reference library) or, for GitHub, which publishes none for
 * Java, by the algorithm checked here against GitHub's documented example. Each is verified, stored
 * once, forwarded and delivered; a repeat is a duplicate, a changed body a conflict, a bad
 * signature a 401 with an audit row and nothing else.
 */
class IngestIT extends MicroTest {

  private static Api.Response ingest(
      String sourceId, String body, String contentType, Map<String, String> headers) {
    return api.send("POST", "/ingest/" + sourceId, body, contentType, null, headers);
  }

  private static JsonObject createSource(JsonObject spec) {
    return api.create("/api/v1/source", spec);
  }

  /** An app with an endpoint on the receiver; returns {app id, receiver path}. */
  private static String[] subscriber(String name) {
    String app = createApp(name);
    String path = "/" + app;
    api.create(
        "/api/v1/app/" + app + "/endpoint",
        Json.createObjectBuilder().add("url", receiver.url(path)).build());
    return new String[] {app, path};
  }

  private static long count(String sql, Object... params) {
    return Sql.count(TestStack.microDatabase(), sql, params);
  }

  private static JsonObject json(String text) {
    return Json.createReader(new StringReader(text)).readObject();
  }

  static String gitHubSignature(String secret, String body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void gitHubIsVerifiedStoredOnceForwardedAndDelivered() throws Exception {
    // The test's signer first reproduces GitHub's documented example.
    assertEquals(
        "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17",
        gitHubSignature("It's a Secret to Everybody", "Hello, World!"));
    String[] sub = subscriber("github-in");
    String secret = "gh-" + UUID.randomUUID();
    JsonObject source =
        createSource(
            Json.createObjectBuilder()
                .add("name", "GitHub")
                .add("type", "github")
                .add("secret", secret)
                .add("mode", "forward")
                .add("forward", Json.createObjectBuilder().add("app", sub[0]))
                .build());
    String sourceId = source.getString("id");
    assertTrue(source.getString("ingestUrl").endsWith("/ingest/" + sourceId), source.toString());
    assertFalse(source.containsKey("secret"), "a given secret is never echoed");

    // Spaces and key order as GitHub sent them: the signature covers these exact bytes.
    String body = "{\"action\": \"opened\",  \"number\": 7, \"pull_request\": {\"id\": 1}}";
    String delivery = UUID.randomUUID().toString();
    Map<String, String> headers =
        Map.of(
            "X-GitHub-Delivery",
            delivery,
            "X-GitHub-Event",
            "pull_request",
            "X-Hub-Signature-256",
            gitHubSignature(secret, body));
    Api.Response accepted = ingest(sourceId, body, "application/json", headers);
    assertEquals(202, accepted.status(), accepted.body());
    String eventId = accepted.json().getString("id");
    assertEquals("github.pull_request.opened", accepted.json().getString("eventType"));

    Receiver.Received delivered = receiver.await(sub[1], 1, WAIT).get(0);
    assertEquals(json(body), json(new String(delivered.body(), StandardCharsets.UTF_8)));

    JsonObject stored = api.get("/api/v1/source/" + sourceId + "/event/" + eventId).json();
    assertEquals(body, stored.getString("rawBody"), "kept byte for byte");
    assertEquals(delivery, stored.getString("providerId"));
    assertEquals("pull_request", stored.getJsonObject("headers").getString("x-github-event"));
    JsonObject message =
        api.get("/api/v1/app/" + sub[0] + "/msg/" + stored.getString("messageId")).json();
    assertEquals("github.pull_request.opened", message.getString("eventType"));

    // The same delivery again: the first event's id, nothing new stored or forwarded.
    Api.Response repeat = ingest(sourceId, body, "application/json", headers);
    assertEquals(200, repeat.status(), repeat.body());
    assertEquals(eventId, repeat.json().getString("id"));
    assertTrue(repeat.json().getBoolean("duplicate"));
    assertEquals(1, count("select count(*) from inbound_event where source_id = ?", sourceId));
    assertEquals(1, count("select count(*) from message where app_id = ?", sub[0]));

    // The same delivery id with another body: a conflict, kept for an operator.
    String changed = body.replace("7", "8");
    Api.Response conflict =
        ingest(
            sourceId,
            changed,
            "application/json",
            Map.of(
                "X-GitHub-Delivery",
                delivery,
                "X-GitHub-Event",
                "pull_request",
                "X-Hub-Signature-256",
                gitHubSignature(secret, changed)));
    assertEquals(409, conflict.status(), conflict.body());
    assertEquals("application/problem+json", conflict.contentType());

    // A bad signature: 401, an audit row, nothing stored.
    Api.Response forged =
        ingest(
            sourceId,
            changed,
            "application/json",
            Map.of(
                "X-GitHub-Delivery", UUID.randomUUID().toString(),
                "X-GitHub-Event", "pull_request",
                "X-Hub-Signature-256", gitHubSignature("not-the-secret", changed)));
    assertEquals(401, forged.status(), forged.body());
    assertEquals("urn:hookline:problem:bad-signature", forged.json().getString("type"));
    assertEquals(1, count("select count(*) from inbound_event where source_id = ?", sourceId));

    List<String> actions =
        api.get("/api/v1/audit?source=" + sourceId).json().getJsonArray("data").stream()
            .map(row -> row.asJsonObject().getString("action"))
            .toList();
    assertEquals(List.of("bad_signature", "conflict", "duplicate", "accepted"), actions);
    JsonObject refusal =
        api.get("/api/v1/audit?source=" + sourceId + "&action=bad_signature")
            .json()
            .getJsonArray("data")
            .getJsonObject(0);
    assertEquals("127.0.0.1", refusal.getString("remoteAddress"));
    assertTrue(refusal.getString("reason").contains("X-Hub-Signature-256"), refusal.toString());
    JsonObject clash =
        api.get("/api/v1/audit?source=" + sourceId + "&action=conflict")
            .json()
            .getJsonArray("data")
            .getJsonObject(0);
    assertEquals(changed, clash.getString("rawBody"), "the clashing body is kept to compare");
    assertEquals(eventId, clash.getString("eventId"), "beside the event it clashed with");
  }

  @Test
  void aGitHubRequestReplayedUnderANewDeliveryIdIsNotForwardedTwice() throws Exception {
    String[] sub = subscriber("github-replay");
    String secret = "gh-" + UUID.randomUUID();
    String sourceId =
        createSource(
                Json.createObjectBuilder()
                    .add("name", "GitHub replayed")
                    .add("type", "github")
                    .add("secret", secret)
                    .add("mode", "forward")
                    .add("forward", Json.createObjectBuilder().add("app", sub[0]))
                    .build())
            .getString("id");
    String body = "{\"action\": \"created\", \"release\": {\"tag_name\": \"v1\"}}";
    String signature = gitHubSignature(secret, body);
    Api.Response first =
        ingest(
            sourceId,
            body,
            "application/json",
            Map.of(
                "X-GitHub-Delivery",
                UUID.randomUUID().toString(),
                "X-GitHub-Event",
                "release",
                "X-Hub-Signature-256",
                signature));
    assertEquals(202, first.status(), first.body());
    receiver.await(sub[1], 1, WAIT);

    // The captured request again, with a delivery id of the attacker's choosing: the signature
    // still matches (it covers only the body), and the id is new.
    Api.Response replay =
        ingest(
            sourceId,
            body,
            "application/json",
            Map.of(
                "X-GitHub-Delivery",
                UUID.randomUUID().toString(),
                "X-GitHub-Event",
                "release",
                "X-Hub-Signature-256",
                signature));
    assertEquals(200, replay.status(), replay.body());
    assertTrue(replay.json().getBoolean("duplicate"), replay.body());
    assertEquals(first.json().getString("id"), replay.json().getString("id"));
    assertEquals(1, count("select count(*) from inbound_event where source_id = ?", sourceId));
    assertEquals(
        1,
        count("select count(*) from message where app_id = ?", sub[0]),
        "the replay forwarded nothing: one message, made by the first request");
    assertEquals(
        "replay",
        api.get("/api/v1/audit?source=" + sourceId)
            .json()
            .getJsonArray("data")
            .getJsonObject(0)
            .getString("action"));
  }

  @Test
  void aSourceWithoutASecretIsCreatedOnlyWhenFlaggedUnauthenticated() {
    Api.Response refused =
        api.post(
            "/api/v1/source",
            Json.createObjectBuilder().add("name", "open").add("type", "generic").build());
    assertEquals(422, refused.status(), refused.body());
    assertEquals("application/problem+json", refused.contentType());
    assertEquals("secret", refused.json().getString("field"), refused.body());
    assertTrue(
        refused
            .json()
            .getJsonArray("detail")
            .getJsonObject(0)
            .getString("msg")
            .contains("unauthenticated"),
        refused.body());

    Api.Response contradictory =
        api.post(
            "/api/v1/source",
            Json.createObjectBuilder()
                .add("name", "open")
                .add("type", "generic")
                .add("secret", "s-" + UUID.randomUUID())
                .add("unauthenticated", true)
                .build());
    assertEquals(422, contradictory.status(), contradictory.body());
    assertEquals("unauthenticated", contradictory.json().getString("field"));

    JsonObject open =
        createSource(
            Json.createObjectBuilder()
                .add("name", "open")
                .add("type", "generic")
                .add("unauthenticated", true)
                .build());
    assertTrue(open.getBoolean("unauthenticated"), open.toString());
    assertFalse(open.getBoolean("hasSecret"));
    assertTrue(
        api.get("/api/v1/source/" + open.getString("id")).json().getBoolean("unauthenticated"));
    JsonObject signed =
        createSource(
            Json.createObjectBuilder()
                .add("name", "signed")
                .add("type", "github")
                .add("secret", "s-" + UUID.randomUUID())
                .build());
    assertFalse(signed.getBoolean("unauthenticated"), signed.toString());
  }

  @Test
  void stripeSignedByStripesLibraryIsForwardedOnceAndAStaleOneRefused() throws Exception {
    String[] sub = subscriber("stripe-in");
    String secret = "whsec_" + UUID.randomUUID().toString().replace("-", "");
    String sourceId =
        createSource(
                Json.createObjectBuilder()
                    .add("name", "Stripe")
                    .add("type", "stripe")
                    .add("secret", secret)
                    .add("mode", "forward")
                    .add("forward", Json.createObjectBuilder().add("app", sub[0]))
                    .build())
            .getString("id");
    String stripeId = "evt_" + UUID.randomUUID().toString().replace("-", "");
    String body =
        "{\n  \"id\": \""
            + stripeId
            + "\",\n  \"object\": \"event\",\n  \"type\": \"invoice.paid\"\n}";
    long now = System.currentTimeMillis() / 1000;
    String header = com.stripe.net.Webhook.Signature.generateSignatureHeader(body, secret, now);
    Map<String, String> signed = Map.of("Stripe-Signature", header);

    // Stripe retries a delivery it thinks failed; several copies may even arrive at once. Exactly
    // one is accepted; the others are duplicates of it.
    List<Api.Response> answers = new java.util.ArrayList<>();
    java.util.concurrent.ExecutorService senders =
        java.util.concurrent.Executors.newFixedThreadPool(6);
    try {
      java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
      List<java.util.concurrent.Future<Api.Response>> pending = new java.util.ArrayList<>();
      for (int i = 0; i < 6; i++) {
        pending.add(
            senders.submit(
                () -> {
                  go.await();
                  return ingest(sourceId, body, "application/json", signed);
                }));
      }
      go.countDown();
      for (var answer : pending) {
        answers.add(answer.get(60, java.util.concurrent.TimeUnit.SECONDS));
      }
    } finally {
      senders.shutdownNow();
    }
    assertEquals(1, answers.stream().filter(a -> a.status() == 202).count(), answers.toString());
    assertEquals(5, answers.stream().filter(a -> a.status() == 200).count(), answers.toString());
    String eventId =
        answers.stream().filter(a -> a.status() == 202).findFirst().get().json().getString("id");
    assertTrue(
        answers.stream()
            .filter(a -> a.status() == 200)
            .allMatch(a -> a.json().getString("id").equals(eventId)));
    Receiver.Received delivered = receiver.await(sub[1], 1, WAIT).get(0);
    assertEquals(json(body), json(new String(delivered.body(), StandardCharsets.UTF_8)));
    assertEquals(1, count("select count(*) from message where app_id = ?", sub[0]));

    JsonObject page = api.get("/api/v1/source/" + sourceId + "/event?type=invoice.paid").json();
    assertEquals(1, page.getJsonArray("data").size());
    assertEquals(stripeId, page.getJsonArray("data").getJsonObject(0).getString("providerId"));
    assertTrue(
        api.get("/api/v1/source/" + sourceId + "/event?type=invoice.voided")
            .json()
            .getJsonArray("data")
            .isEmpty());

    String changed = body.replace("invoice.paid", "invoice.voided");
    Api.Response conflict =
        ingest(
            sourceId,
            changed,
            "application/json",
            Map.of(
                "Stripe-Signature",
                com.stripe.net.Webhook.Signature.generateSignatureHeader(changed, secret, now)));
    assertEquals(409, conflict.status(), conflict.body());

    Api.Response forged =
        ingest(
            sourceId,
            body,
            "application/json",
            Map.of(
                "Stripe-Signature",
                com.stripe.net.Webhook.Signature.generateSignatureHeader(body, "whsec_x", now)));
    assertEquals(401, forged.status(), forged.body());

    String old = com.stripe.net.Webhook.Signature.generateSignatureHeader(body, secret, now - 400);
    Api.Response stale =
        ingest(sourceId, body, "application/json", Map.of("Stripe-Signature", old));
    assertEquals(401, stale.status(), stale.body());
    assertTrue(stale.json().getString("detail").startsWith("stale"), stale.body());
    for (String[] expected :
        new String[][] {
          {"accepted", "1"},
          {"duplicate", "5"},
          {"conflict", "1"},
          {"bad_signature", "1"},
          {"stale", "1"}
        }) {
      assertEquals(
          Long.parseLong(expected[1]),
          count(
              "select count(*) from ingest_audit where source_id = ? and action = ?",
              sourceId,
              expected[0]),
          expected[0]);
    }
    assertEquals(1, count("select count(*) from inbound_event where source_id = ?", sourceId));
    assertEquals(1, count("select count(*) from message where app_id = ?", sub[0]));
  }

  @Test
  void standardWebhooksTransformedForwardedAndReplayed() throws Exception {
    String[] sub = subscriber("standard-in");
    JsonObject source =
        createSource(
            Json.createObjectBuilder()
                .add("name", "Partner")
                .add("type", "standard-webhooks")
                .add("mode", "forward")
                .add(
                    "forward",
                    Json.createObjectBuilder().add("app", sub[0]).add("eventTypePrefix", "partner"))
                .add(
                    "transform",
                    json(
                        "{\"pick\":{\"order\":\"/data/id\",\"total\":\"/data/total\"},"
                            + "\"add\":{\"via\":\"hookline\"},\"eventType\":\"/type\"}"))
                .build());
    String sourceId = source.getString("id");
    // Hookline made the secret and shows it this once.
    String secret = source.getString("secret");
    Webhook signer = new Webhook(secret);
    String body =
        "{\"type\":\"order.paid\",\"data\":{\"id\":\"o-1\",\"total\":42,\"card\":\"4242\"}}";
    String id = "msg_" + UUID.randomUUID();
    long now = System.currentTimeMillis() / 1000;
    Map<String, String> headers =
        Map.of(
            "webhook-id", id,
            "webhook-timestamp", String.valueOf(now),
            "webhook-signature", signer.sign(id, now, body));
    Api.Response accepted = ingest(sourceId, body, "application/json", headers);
    assertEquals(202, accepted.status(), accepted.body());

    Api.Response repeat = ingest(sourceId, body, "application/json", headers);
    assertEquals(200, repeat.status(), repeat.body());
    assertTrue(repeat.json().getBoolean("duplicate"));

    JsonObject expected = json("{\"order\":\"o-1\",\"total\":42,\"via\":\"hookline\"}");
    Receiver.Received first = receiver.await(sub[1], 1, WAIT).get(0);
    assertEquals(expected, json(new String(first.body(), StandardCharsets.UTF_8)));

    Api.Response replayed =
        api.post(
            "/api/v1/source/" + sourceId + "/event/" + accepted.json().getString("id") + "/replay",
            JsonObject.EMPTY_JSON_OBJECT);
    assertEquals(202, replayed.status(), replayed.body());
    assertEquals("partner.order.paid", replayed.json().getString("eventType"));
    Receiver.Received second = receiver.await(sub[1], 2, WAIT).get(1);
    assertEquals(expected, json(new String(second.body(), StandardCharsets.UTF_8)));
    // A replay is a new message, so a new webhook-id for the subscriber.
    assertFalse(first.header("webhook-id").equals(second.header("webhook-id")));

    // An event the rules do not fit is kept with its error, audited, and not forwarded.
    String odd = "{\"type\":\"order.paid\",\"data\":{}}";
    String oddId = "msg_" + UUID.randomUUID();
    Api.Response kept =
        ingest(
            sourceId,
            odd,
            "application/json",
            Map.of(
                "webhook-id", oddId,
                "webhook-timestamp", String.valueOf(now),
                "webhook-signature", signer.sign(oddId, now, odd)));
    assertEquals(202, kept.status(), kept.body());
    assertTrue(kept.json().getString("transformError").contains("/data/id"), kept.body());
    assertEquals(
        1,
        count(
            "select count(*) from ingest_audit where source_id = ? and action = 'transform_failed'",
            sourceId));
    assertEquals(2, count("select count(*) from message where app_id = ?", sub[0]));
  }

  @Test
  void refusalsSayWhatIsWrong() {
    String sourceId =
        createSource(
                Json.createObjectBuilder()
                    .add("name", "Keyed")
                    .add("type", "api-key")
                    .add("secret", "k-" + UUID.randomUUID())
                    .build())
            .getString("id");
    Api.Response tooLarge =
        ingest(
            sourceId, "{\"a\":\"" + "x".repeat(1024 * 1024) + "\"}", "application/json", Map.of());
    assertEquals(413, tooLarge.status(), tooLarge.body());
    Api.Response wrongType = ingest(sourceId, "a=b", "text/plain", Map.of());
    assertEquals(415, wrongType.status(), wrongType.body());
    assertEquals("application/problem+json", wrongType.contentType());
    Api.Response unknown = ingest("src_nope", "{}", "application/json", Map.of());
    assertEquals(404, unknown.status(), unknown.body());
    Api.Response get = api.send("GET", "/ingest/" + sourceId, null, null, null);
    assertEquals(405, get.status(), get.body());
    assertEquals(
        1,
        api.get("/api/v1/audit?source=" + sourceId + "&action=too_large")
            .json()
            .getJsonArray("data")
            .size());

    for (JsonObject bad :
        List.of(
            json("{\"name\":\"x\",\"type\":\"carrier-pigeon\"}"),
            json("{\"name\":\"x\",\"type\":\"github\"}"),
            json("{\"name\":\"x\",\"type\":\"hmac\",\"secret\":\"s\"}"),
            json("{\"name\":\"x\",\"type\":\"generic\",\"mode\":\"forward\"}"),
            json("{\"name\":\"x\",\"type\":\"generic\",\"transform\":{\"pick\":{\"a\":\"b\"}}}"))) {
      Api.Response refused = api.post("/api/v1/source", bad);
      assertEquals(422, refused.status(), bad + ": " + refused.body());
      assertTrue(refused.json().containsKey("field"), refused.body());
    }
  }

  @Test
  void slacksUrlVerificationIsAnswered() throws Exception {
    String secret = "slack-" + UUID.randomUUID();
    String sourceId =
        createSource(
                Json.createObjectBuilder()
                    .add("name", "Slack")
                    .add("type", "slack")
                    .add("secret", secret)
                    .build())
            .getString("id");
    String body = "{\"token\":\"t\",\"challenge\":\"c-123\",\"type\":\"url_verification\"}";
    String ts = String.valueOf(System.currentTimeMillis() / 1000);
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    String signature =
        "v0="
            + HexFormat.of()
                .formatHex(mac.doFinal(("v0:" + ts + ":" + body).getBytes(StandardCharsets.UTF_8)));
    Api.Response answered =
        ingest(
            sourceId,
            body,
            "application/json",
            Map.of("X-Slack-Request-Timestamp", ts, "X-Slack-Signature", signature));
    assertEquals(200, answered.status(), answered.body());
    assertEquals("c-123", answered.json().getString("challenge"));
    assertEquals(0, count("select count(*) from inbound_event where source_id = ?", sourceId));
  }

  @Test
  void receivedEventsAreCountedInMetrics() throws Exception {
    String sourceId =
        createSource(
                Json.createObjectBuilder()
                    .add("name", "Counted")
                    .add("type", "generic")
                    .add("unauthenticated", true)
                    .build())
            .getString("id");
    String body =
        "{\"event_id\":\"e-1\",\"event_type\":\"thing.done\",\"occurred_at\":\"2026-11-23T10:00:00Z\",\"payload\":{}}";
    assertEquals(202, ingest(sourceId, body, "application/json", Map.of()).status());
    assertEquals(200, ingest(sourceId, body, "application/json", Map.of()).status());
    String scrape = api.send("GET", "/metrics", null, null, null).body();
    for (String status : List.of("accepted", "duplicate")) {
      assertTrue(
          scrape
              .lines()
              .anyMatch(
                  line ->
                      line.startsWith("webhook_events_received_total{")
                          && line.contains("source=\"" + sourceId + "\"")
                          && line.contains("status=\"" + status + "\"")
                          && line.endsWith(" 1.0")),
          status + " not counted once in:\n" + scrape);
    }
  }

  private static String generic(String eventId, String type) {
    return "{\"event_id\":\""
        + eventId
        + "\",\"event_type\":\""
        + type
        + "\",\"occurred_at\":\"2026-11-23T10:00:00Z\",\"payload\":{\"n\":1}}";
  }

  @Test
  void sourcesAreReadChangedAndDeletedAndTheirSecretsSealed() {
    String secret = "bearer-" + UUID.randomUUID();
    String sourceId =
        createSource(
                Json.createObjectBuilder()
                    .add("name", "Generic")
                    .add("type", "generic")
                    .add("secret", secret)
                    .build())
            .getString("id");
    assertEquals(
        0,
        count(
            "select count(*) from source where id = ? and secret_ciphertext like ?",
            sourceId,
            "%" + secret + "%"),
        "the secret is not stored in clear");
    JsonObject read = api.get("/api/v1/source/" + sourceId).json();
    assertEquals("store", read.getString("mode"));
    assertTrue(read.getBoolean("hasSecret"));
    assertFalse(read.containsKey("secret"));
    assertTrue(
        SvixPages.all(api, "/api/v1/source").stream()
            .anyMatch(s -> s.getString("id").equals(sourceId)));

    Map<String, String> bearer = Map.of("Authorization", "Bearer " + secret);
    for (int i = 0; i < 3; i++) {
      assertEquals(
          202,
          ingest(
                  sourceId,
                  generic("p-" + i, i == 1 ? "b.two" : "a.one"),
                  "application/json",
                  bearer)
              .status());
    }
    // Newest first, a page at a time, as Svix pages lists.
    JsonObject first = api.get("/api/v1/source/" + sourceId + "/event?limit=2").json();
    assertEquals(2, first.getJsonArray("data").size());
    assertEquals("p-2", first.getJsonArray("data").getJsonObject(0).getString("providerId"));
    assertFalse(first.getBoolean("done"));
    JsonObject second =
        api.get(
                "/api/v1/source/"
                    + sourceId
                    + "/event?limit=2&iterator="
                    + first.getString("iterator"))
            .json();
    assertEquals(1, second.getJsonArray("data").size());
    assertEquals("p-0", second.getJsonArray("data").getJsonObject(0).getString("providerId"));
    assertTrue(second.getBoolean("done"), "the last page is done");
    assertEquals(
        2,
        api.get("/api/v1/source/" + sourceId + "/event?type=a.one")
            .json()
            .getJsonArray("data")
            .size());
    assertEquals(
        0,
        api.get("/api/v1/source/" + sourceId + "/event?since=2999-01-01T00:00:00Z")
            .json()
            .getJsonArray("data")
            .size());
    assertEquals(
        3,
        api.get("/api/v1/source/" + sourceId + "/event?until=2999-01-01T00:00:00Z")
            .json()
            .getJsonArray("data")
            .size());
    assertEquals(422, api.get("/api/v1/source/" + sourceId + "/event?since=yesterday").status());
    assertEquals(
        0,
        api.get("/api/v1/audit?source=" + sourceId + "&since=2999-01-01T00:00:00Z")
            .json()
            .getJsonArray("data")
            .size());
    assertEquals(422, api.get("/api/v1/audit?action=exploded").status());

    // Storing only: a replay has nowhere to go.
    String eventId = first.getJsonArray("data").getJsonObject(0).getString("id");
    assertEquals(
        409,
        api.post(
                "/api/v1/source/" + sourceId + "/event/" + eventId + "/replay",
                JsonObject.EMPTY_JSON_OBJECT)
            .status());

    // PUT replaces what it names; a new secret takes over at once.
    String[] sub = subscriber("generic-in");
    Api.Response replaced =
        api.send(
            "PUT",
            "/api/v1/source/" + sourceId,
            Json.createObjectBuilder()
                .add("name", "Generic, forwarded")
                .add("secret", "rotated-" + secret)
                .add("mode", "forward")
                .add("forward", Json.createObjectBuilder().add("app", sub[0]))
                .build()
                .toString(),
            "application/json",
            TestStack.ADMIN_TOKEN);
    assertEquals(200, replaced.status(), replaced.body());
    assertEquals("forward", replaced.json().getString("mode"));
    assertEquals(
        401, ingest(sourceId, generic("p-9", "a.one"), "application/json", bearer).status());
    assertEquals(
        202,
        ingest(
                sourceId,
                generic("p-9", "a.one"),
                "application/json",
                Map.of("Authorization", "Bearer rotated-" + secret))
            .status());
    receiver.await(sub[1], 1, WAIT);

    assertEquals(
        204,
        api.send("DELETE", "/api/v1/source/" + sourceId, null, null, TestStack.ADMIN_TOKEN)
            .status());
    assertEquals(404, api.get("/api/v1/source/" + sourceId).status());
    assertEquals(404, ingest(sourceId, "{}", "application/json", Map.of()).status());
    assertFalse(
        api.get("/api/v1/audit?source=" + sourceId).json().getJsonArray("data").isEmpty(),
        "the audit trail outlives its source");
  }
}
