package io.hookline.it;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.svix.Svix;
import com.svix.Webhook;
import com.svix.api.EndpointCreateOptions;
import com.svix.api.EndpointGetStatsOptions;
import com.svix.api.EndpointListOptions;
import com.svix.api.MessageAttemptListByEndpointOptions;
import com.svix.exceptions.ApiException;
import com.svix.exceptions.WebhookVerificationException;
import com.svix.models.ApplicationIn;
import com.svix.models.BackgroundTaskOut;
import com.svix.models.BackgroundTaskStatus;
import com.svix.models.BackgroundTaskType;
import com.svix.models.EndpointHeadersIn;
import com.svix.models.EndpointHeadersOut;
import com.svix.models.EndpointHeadersPatchIn;
import com.svix.models.EndpointIn;
import com.svix.models.EndpointOut;
import com.svix.models.EndpointPatch;
import com.svix.models.EndpointSecretRotateIn;
import com.svix.models.EndpointStats;
import com.svix.models.EndpointUpdate;
import com.svix.models.EventExampleIn;
import com.svix.models.EventTypeIn;
import com.svix.models.ListResponseEndpointOut;
import com.svix.models.MessageAttemptOut;
import com.svix.models.MessageAttemptTriggerType;
import com.svix.models.MessageOut;
import com.svix.models.MessageStatus;
import com.svix.models.Ordering;
import com.svix.models.RecoverIn;
import com.svix.models.RecoverOut;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Svix's endpoints at {@code /api/v1/app/{app_id}/endpoint} driven by Svix's official Java SDK
 * (com.svix:svix): every call of its {@code endpoint} API, uid addressing, paging, idempotent
 * creates, and deliveries verified by the SDK's {@code Webhook} class. Plain HTTP only where the
 * SDK cannot say what is checked (a null header value, an app token).
 */
class SvixEndpointIT extends MicroTest {
  static final String RUN = "svixep-" + Long.toHexString(System.nanoTime());

  /** How long the receiver takes to answer each recovered delivery in the pacing test. */
  static final Duration SLOW_REPLY = Duration.ofSeconds(3);

  static Svix admin() {
    return SvixEventTypeIT.admin();
  }

  static String newApp(String name) throws Exception {
    return admin()
        .getApplication()
        .create(new ApplicationIn().name(name).uid(RUN + "-" + name))
        .getId();
  }

  static URI url(String path) {
    return URI.create(receiver.url(path));
  }

  static JsonObject json(String text) {
    try (JsonReader reader = Json.createReader(new StringReader(text))) {
      return reader.readObject();
    }
  }

  /** Only the headers whose names start with {@code svix-}, as Svix's verifier takes them. */
  static Map<String, List<String>> svixHeaders(Receiver.Received request) {
    return request.headers().entrySet().stream()
        .filter(header -> header.getKey().startsWith("svix-"))
        .collect(Collectors.toMap(Map.Entry::getKey, header -> List.of(header.getValue())));
  }

  @Test
  void createGetUpdatePatchAndDeleteByIdAndByUid() throws Exception {
    String app = newApp("crud");
    EndpointOut created =
        admin()
            .getEndpoint()
            .create(
                app,
                new EndpointIn()
                    .url(url("/crud/1"))
                    .uid("billing")
                    .description("Billing")
                    .filterTypes(Set.of("invoice.paid", "invoice.failed"))
                    .channels(Set.of("project_1", "eu"))
                    .metadata(Map.of("team", "billing"))
                    .throttleRate(10L)
                    .headers(Map.of("X-Team", "billing")));
    assertTrue(created.getId().startsWith("ep_"), created.getId());
    assertEquals("billing", created.getUid());
    assertEquals(url("/crud/1"), created.getUrl());
    assertEquals("Billing", created.getDescription());
    assertEquals(Set.of("invoice.paid", "invoice.failed"), created.getFilterTypes());
    assertEquals(Set.of("project_1", "eu"), created.getChannels());
    assertEquals(Map.of("team", "billing"), created.getMetadata());
    assertEquals(10L, created.getThrottleRate());
    assertEquals(10L, created.getRateLimit());
    assertEquals(Boolean.FALSE, created.getDisabled());
    assertEquals(1, created.getVersion());
    assertNotNull(created.getCreatedAt());
    assertEquals(created.getCreatedAt(), created.getUpdatedAt());

    assertEquals(created.getId(), admin().getEndpoint().get(app, created.getId()).getId());
    assertEquals(created.getId(), admin().getEndpoint().get(app, "billing").getId());
    // The app by its uid too.
    assertEquals(created.getId(), admin().getEndpoint().get(RUN + "-crud", "billing").getId());

    ApiException duplicate =
        assertThrows(
            ApiException.class,
            () ->
                admin()
                    .getEndpoint()
                    .create(app, new EndpointIn().url(url("/crud/dup")).uid("billing")));
    assertEquals(409, duplicate.getCode(), duplicate.getResponseBody());

    EndpointOut updated =
        admin()
            .getEndpoint()
            .update(
                app,
                "billing",
                new EndpointUpdate()
                    .url(url("/crud/2"))
                    .uid("billing")
                    .filterTypes(Set.of("invoice.paid")));
    assertEquals(created.getId(), updated.getId());
    assertEquals(url("/crud/2"), updated.getUrl());
    assertEquals("", updated.getDescription(), "a full update clears what it leaves out");
    assertEquals(Set.of("invoice.paid"), updated.getFilterTypes());
    assertNull(updated.getChannels());
    assertNull(updated.getThrottleRate());
    assertEquals(Map.of(), updated.getMetadata());
    assertFalse(updated.getUpdatedAt().isBefore(created.getUpdatedAt()));
    assertEquals(
        Map.of("X-Team", "billing"),
        admin().getEndpoint().getHeaders(app, "billing").getHeaders(),
        "a full update keeps the headers");

    EndpointOut patched =
        admin()
            .getEndpoint()
            .patch(
                app,
                created.getId(),
                new EndpointPatch().description("Billing v2").throttleRate(5L).uid("billing-2"));
    assertEquals("Billing v2", patched.getDescription());
    assertEquals(5L, patched.getThrottleRate());
    assertEquals("billing-2", patched.getUid());
    assertEquals(url("/crud/2"), patched.getUrl(), "a patch keeps what it does not name");
    assertEquals(Set.of("invoice.paid"), patched.getFilterTypes());
    assertEquals(
        404,
        assertThrows(ApiException.class, () -> admin().getEndpoint().get(app, "billing")).getCode(),
        "the old uid names nothing");

    admin().getEndpoint().delete(app, "billing-2");
    ApiException gone =
        assertThrows(ApiException.class, () -> admin().getEndpoint().get(app, created.getId()));
    assertEquals(404, gone.getCode());
    // A deleted endpoint's uid is free again.
    EndpointOut again =
        admin().getEndpoint().create(app, new EndpointIn().url(url("/crud/3")).uid("billing-2"));
    assertNotEquals(created.getId(), again.getId());
  }

  @Test
  void putCreatesAMissingEndpointWithThePathAsItsUid() throws Exception {
    String app = newApp("put");
    EndpointOut made =
        admin().getEndpoint().update(app, "made-by-put", new EndpointUpdate().url(url("/put")));
    assertEquals("made-by-put", made.getUid());
    assertEquals(made.getId(), admin().getEndpoint().get(app, "made-by-put").getId());
    assertEquals(
        404,
        assertThrows(
                ApiException.class,
                () ->
                    admin()
                        .getEndpoint()
                        .update(
                            app,
                            "ep_00000000000000000000000000",
                            new EndpointUpdate().url(url("/put"))))
            .getCode(),
        "an unknown id is not created");
  }

  @Test
  void repeatedPutsKeepTheUidOrderedAndOneEndpoint() throws Exception {
    String app = newApp("reput");
    JsonObject made =
        api.create(
            "/api/v1/app/" + app + "/endpoint",
            Json.createObjectBuilder()
                .add("url", receiver.url("/reput"))
                .add("uid", "billing")
                .add("ordered", true)
                .build());
    for (int i = 0; i < 3; i++) {
      EndpointOut updated =
          admin().getEndpoint().update(app, "billing", new EndpointUpdate().url(url("/reput")));
      assertEquals(made.getString("id"), updated.getId(), "PUT " + (i + 1));
      assertEquals("billing", updated.getUid(), "PUT " + (i + 1) + " keeps the uid");
    }
    assertEquals(1, admin().getEndpoint().list(app, new EndpointListOptions()).getData().size());
    assertTrue(
        json(api.get("/api/v1/app/" + app + "/endpoint/billing").body()).getBoolean("ordered"),
        "a PUT without ordered keeps it");

    String message = sendMessage(app, "reput.test");
    receiver.await("/reput", 1, WAIT);
    assertEquals(1, deliveryStatus(message).size(), "one endpoint, one delivery");

    Api.Response cleared =
        api.send(
            "PUT",
            "/api/v1/app/" + app + "/endpoint/billing",
            "{\"url\":\"" + receiver.url("/reput") + "\",\"uid\":null,\"ordered\":false}",
            "application/json",
            TestStack.ADMIN_TOKEN);
    assertEquals(200, cleared.status(), cleared.body());
    assertTrue(json(cleared.body()).isNull("uid"), "an explicit uid: null clears it");
    assertFalse(json(cleared.body()).getBoolean("ordered"), "an explicit ordered: false");
  }

  @Test
  void aSecretInAPatchRotatesTheSigningSecret() throws Exception {
    String app = newApp("patchsecret");
    String old = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    String ep =
        admin()
            .getEndpoint()
            .create(app, new EndpointIn().url(url("/patchsecret")).secret(old))
            .getId();
    String chosen = "whsec_" + "C".repeat(32);
    admin().getEndpoint().patch(app, ep, new EndpointPatch().secret(chosen));
    assertEquals(chosen, admin().getEndpoint().getSecret(app, ep).getKey());

    sendMessage(app, "patchsecret.test");
    Receiver.Received request = receiver.await("/patchsecret", 1, WAIT).get(0);
    String payload = new String(request.body(), StandardCharsets.UTF_8);
    Map<String, List<String>> headers = svixHeaders(request);
    assertDoesNotThrow(() -> new Webhook(chosen).verify(payload, headers), "the patched secret");
    assertDoesNotThrow(
        () -> new Webhook(old).verify(payload, headers), "the old one during the grace period");

    ApiException invalid =
        assertThrows(
            ApiException.class,
            () -> admin().getEndpoint().patch(app, ep, new EndpointPatch().secret("not-a-secret")));
    assertEquals(422, invalid.getCode(), invalid.getResponseBody());
  }

  @Test
  void eventTypesIsAnotherNameForFilterTypesAndRateLimitForThrottleRate() {
    String app = createApp("svix endpoint names");
    JsonObject made =
        api.create(
            "/api/v1/app/" + app + "/endpoint",
            Json.createObjectBuilder()
                .add("url", receiver.url("/names"))
                .add("eventTypes", Json.createArrayBuilder().add("user.*"))
                .add("rateLimit", 7)
                .build());
    assertEquals(
        List.of("user.*"),
        made.getJsonArray("filterTypes").getValuesAs(jakarta.json.JsonString::getString));
    assertEquals(made.getJsonArray("filterTypes"), made.getJsonArray("eventTypes"));
    assertEquals(7, made.getInt("throttleRate"));
    assertEquals(7, made.getInt("rateLimit"));
    Api.Response clash =
        api.post(
            "/api/v1/app/" + app + "/endpoint",
            Json.createObjectBuilder()
                .add("url", receiver.url("/names"))
                .add("throttleRate", 1)
                .add("rateLimit", 2)
                .build());
    assertEquals(422, clash.status(), clash.body());
  }

  @Test
  void invalidFieldsAre422WithSvixDetailAndUnknownsAre404() throws Exception {
    String app = newApp("invalid");
    ApiException badUrl =
        assertThrows(
            ApiException.class,
            () -> admin().getEndpoint().create(app, new EndpointIn().url(URI.create("ftp://x/"))));
    assertEquals(422, badUrl.getCode());
    JsonObject problem = json(badUrl.getResponseBody());
    assertEquals(
        Json.createArrayBuilder().add("body").add("url").build(),
        problem.getJsonArray("detail").getJsonObject(0).getJsonArray("loc"),
        problem.toString());

    ApiException tooManyChannels =
        assertThrows(
            ApiException.class,
            () ->
                admin()
                    .getEndpoint()
                    .create(
                        app,
                        new EndpointIn()
                            .url(url("/invalid"))
                            .channels(
                                Set.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k"))));
    assertEquals(422, tooManyChannels.getCode(), tooManyChannels.getResponseBody());
    ApiException badUid =
        assertThrows(
            ApiException.class,
            () ->
                admin()
                    .getEndpoint()
                    .create(app, new EndpointIn().url(url("/invalid")).uid("ep_like_an_id")));
    assertEquals(422, badUid.getCode(), badUid.getResponseBody());

    assertEquals(
        404,
        assertThrows(ApiException.class, () -> admin().getEndpoint().get(app, "nobody")).getCode());
    assertEquals(
        404,
        assertThrows(
                ApiException.class,
                () -> admin().getEndpoint().list("app_00000000000000000000000000"))
            .getCode());
  }

  @Test
  void anIdempotentCreateRetriedMakesOneEndpoint() throws Exception {
    String app = newApp("idem");
    EndpointCreateOptions options = new EndpointCreateOptions();
    options.setIdempotencyKey("auto_" + UUID.randomUUID());
    EndpointIn in = new EndpointIn().url(url("/idem")).description("once");
    EndpointOut first = admin().getEndpoint().create(app, in, options);
    EndpointOut second = admin().getEndpoint().create(app, in, options);
    assertEquals(first.getId(), second.getId());
    assertEquals(1, admin().getEndpoint().list(app).getData().size());
  }

  @Test
  void pagingThroughAGrowingListNeitherSkipsNorRepeats() throws Exception {
    String app = newApp("paging");
    List<String> made = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      made.add(admin().getEndpoint().create(app, new EndpointIn().url(url("/page/" + i))).getId());
    }
    EndpointListOptions options = new EndpointListOptions();
    options.setLimit(2L);
    ListResponseEndpointOut page = admin().getEndpoint().list(app, options);
    List<String> seen = new ArrayList<>();
    page.getData().forEach(e -> seen.add(e.getId()));
    assertFalse(page.getDone());
    String firstPagePrev = null;
    ListResponseEndpointOut firstPage = page;
    // The list grows during the walk.
    for (int i = 5; i < 7; i++) {
      made.add(admin().getEndpoint().create(app, new EndpointIn().url(url("/page/" + i))).getId());
    }
    int pages = 1;
    while (!page.getDone()) {
      options.setIterator(page.getIterator());
      page = admin().getEndpoint().list(app, options);
      page.getData().forEach(e -> seen.add(e.getId()));
      pages++;
      if (pages == 2) {
        firstPagePrev = page.getPrevIterator();
      }
      assertTrue(pages < 10, "the walk ends");
    }
    assertEquals(made, seen, "oldest first, each once");
    assertEquals(4, pages);

    EndpointListOptions back = new EndpointListOptions();
    back.setLimit(2L);
    back.setIterator(firstPagePrev);
    assertEquals(
        firstPage.getData().stream().map(EndpointOut::getId).toList(),
        admin().getEndpoint().list(app, back).getData().stream().map(EndpointOut::getId).toList(),
        "prevIterator goes back a page");

    EndpointListOptions newest = new EndpointListOptions();
    newest.setOrder(Ordering.DESCENDING);
    newest.setLimit(3L);
    assertEquals(
        List.of(made.get(6), made.get(5), made.get(4)),
        admin().getEndpoint().list(app, newest).getData().stream()
            .map(EndpointOut::getId)
            .toList());
    assertEquals(
        422,
        api.get("/api/v1/app/" + app + "/endpoint?limit=251").status(),
        "limit is at most 250");
  }

  @Test
  void headersAreSetPatchedAndTheirSensitiveValuesHidden() throws Exception {
    String app = newApp("headers");
    String ep = admin().getEndpoint().create(app, new EndpointIn().url(url("/headers"))).getId();
    admin()
        .getEndpoint()
        .updateHeaders(
            app,
            ep,
            new EndpointHeadersIn()
                .headers(
                    Map.of(
                        "X-A",
                        "1",
                        "X-Old",
                        "o",
                        "Authorization",
                        "Bearer s3cret",
                        "X-Auth-Token",
                        "t0ken")));
    EndpointHeadersOut headers = admin().getEndpoint().getHeaders(app, ep);
    assertEquals(Map.of("X-A", "1", "X-Old", "o"), headers.getHeaders());
    assertEquals(Set.of("Authorization", "X-Auth-Token"), headers.getSensitive());
    JsonObject view = json(api.get("/api/v1/app/" + app + "/endpoint/" + ep).body());
    assertFalse(view.containsKey("headers"), "the endpoint shows no headers: " + view);

    admin()
        .getEndpoint()
        .patchHeaders(
            app,
            ep,
            new EndpointHeadersPatchIn().headers(Map.of("X-B", "2")).deleteHeaders(List.of("X-A")));
    assertEquals(
        Map.of("X-Old", "o", "X-B", "2"), admin().getEndpoint().getHeaders(app, ep).getHeaders());
    // Svix's PATCH removes a header given as null.
    Api.Response removed =
        api.send(
            "PATCH",
            "/api/v1/app/" + app + "/endpoint/" + ep + "/headers",
            "{\"headers\":{\"X-Old\":null}}",
            "application/json",
            TestStack.ADMIN_TOKEN);
    assertEquals(204, removed.status(), removed.body());
    assertEquals(Map.of("X-B", "2"), admin().getEndpoint().getHeaders(app, ep).getHeaders());

    ApiException reserved =
        assertThrows(
            ApiException.class,
            () ->
                admin()
                    .getEndpoint()
                    .updateHeaders(
                        app, ep, new EndpointHeadersIn().headers(Map.of("svix-id", "forged"))));
    assertEquals(422, reserved.getCode());

    sendMessage(app, "headers.test");
    Receiver.Received request = receiver.await("/headers", 1, WAIT).get(0);
    assertEquals("2", request.header("x-b"));
    assertEquals("Bearer s3cret", request.header("authorization"), "hidden, yet sent");
    assertEquals("t0ken", request.header("x-auth-token"), "hidden, yet sent");
    assertNull(request.header("x-old"));
  }

  @Test
  void bothSecretsSignDuringTheOverlapOfARotation() throws Exception {
    String app = newApp("rotate");
    String old = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    String ep =
        admin()
            .getEndpoint()
            .create(app, new EndpointIn().url(url("/rotate")).uid("rotating").secret(old))
            .getId();
    assertEquals(old, admin().getEndpoint().getSecret(app, "rotating").getKey());

    admin().getEndpoint().rotateSecret(app, "rotating", new EndpointSecretRotateIn());
    String fresh = admin().getEndpoint().getSecret(app, ep).getKey();
    assertNotEquals(old, fresh);
    assertTrue(fresh.startsWith("whsec_"), fresh);

    sendMessage(app, "rotate.test");
    Receiver.Received request = receiver.await("/rotate", 1, WAIT).get(0);
    String payload = new String(request.body(), StandardCharsets.UTF_8);
    Map<String, List<String>> headers = svixHeaders(request);
    assertDoesNotThrow(() -> new Webhook(fresh).verify(payload, headers), "the new secret");
    assertDoesNotThrow(() -> new Webhook(old).verify(payload, headers), "the old secret");
    assertThrows(
        WebhookVerificationException.class,
        () -> new Webhook("whsec_" + "A".repeat(32)).verify(payload, headers),
        "another secret does not verify");

    String chosen = "whsec_" + "B".repeat(32);
    admin()
        .getEndpoint()
        .rotateSecret(app, ep, new EndpointSecretRotateIn().key(chosen).gracePeriodSeconds(0));
    assertEquals(chosen, admin().getEndpoint().getSecret(app, ep).getKey());
    sendMessage(app, "rotate.test");
    Receiver.Received next = receiver.await("/rotate", 2, WAIT).get(1);
    String nextPayload = new String(next.body(), StandardCharsets.UTF_8);
    Map<String, List<String>> nextHeaders = svixHeaders(next);
    assertDoesNotThrow(() -> new Webhook(chosen).verify(nextPayload, nextHeaders));
    assertThrows(
        WebhookVerificationException.class,
        () -> new Webhook(fresh).verify(nextPayload, nextHeaders),
        "no grace period: the replaced secret signs no more");
  }

  @Test
  void disabledStopsDeliveryAndPatchingItFalseResumes() throws Exception {
    String app = newApp("disabled");
    String ep = admin().getEndpoint().create(app, new EndpointIn().url(url("/disabled"))).getId();
    EndpointOut off = admin().getEndpoint().patch(app, ep, new EndpointPatch().disabled(true));
    assertEquals(Boolean.TRUE, off.getDisabled());
    String whileOff = sendMessage(app, "disabled.test");
    assertEquals(List.of(), deliveryStatus(whileOff));

    EndpointOut on = admin().getEndpoint().patch(app, ep, new EndpointPatch().disabled(false));
    assertEquals(Boolean.FALSE, on.getDisabled());
    String afterwards = sendMessage(app, "disabled.test");
    assertEquals(afterwards, receiver.await("/disabled", 1, WAIT).get(0).header("svix-id"));
  }

  @Test
  void sendExampleSendsTheSchemasExampleToThatEndpointOnly() throws Exception {
    String app = newApp("example");
    String type = RUN + ".invoice.paid";
    admin()
        .getEventType()
        .create(
            new EventTypeIn()
                .name(type)
                .description("an invoice was paid")
                .schemas(
                    Map.of(
                        "1",
                        Map.of(
                            "type",
                            "object",
                            "properties",
                            Map.of("invoiceId", Map.of("type", "string")),
                            "examples",
                            List.of(Map.of("invoiceId", "in_example"))))));
    String ep = admin().getEndpoint().create(app, new EndpointIn().url(url("/example"))).getId();
    admin().getEndpoint().create(app, new EndpointIn().url(url("/example-other")));

    MessageOut sent =
        admin().getEndpoint().sendExample(app, ep, new EventExampleIn().eventType(type));
    assertTrue(sent.getId().startsWith("msg_"), sent.getId());
    assertEquals(type, sent.getEventType());
    assertEquals(Map.of("invoiceId", "in_example"), sent.getPayload());
    assertNotNull(sent.getTimestamp());

    Receiver.Received request = receiver.await("/example", 1, WAIT).get(0);
    String payload = new String(request.body(), StandardCharsets.UTF_8);
    assertEquals("in_example", json(payload).getString("invoiceId"), payload);
    String secret = admin().getEndpoint().getSecret(app, ep).getKey();
    assertDoesNotThrow(() -> new Webhook(secret).verify(payload, svixHeaders(request)));
    assertEquals(List.of("DELIVERED"), deliveryStatusEventually(sent.getId()));
    assertEquals(List.of(), receiver.received("/example-other"), "that endpoint only");

    MessageOut ping =
        admin().getEndpoint().sendExample(app, ep, new EventExampleIn().eventType("svix.ping"));
    assertEquals(Map.of("success", true), ping.getPayload());
    assertEquals(
        404,
        assertThrows(
                ApiException.class,
                () ->
                    admin()
                        .getEndpoint()
                        .sendExample(app, ep, new EventExampleIn().eventType(RUN + ".nothing")))
            .getCode());
  }

  private static List<String> deliveryStatusEventually(String messageId) {
    awaitDeliveryStatus(messageId, "DELIVERED");
    return deliveryStatus(messageId);
  }

  @Test
  void statsCountTheEndpointsDeliveriesAndRecoverAnswersAsSvixDoes() throws Exception {
    String app = newApp("stats");
    OffsetDateTime before = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1);
    String ep = admin().getEndpoint().create(app, new EndpointIn().url(url("/stats"))).getId();
    receiver.scriptRepeated("/stats-dead", TestStack.MAX_ATTEMPTS * 2, 500);
    String dead =
        admin().getEndpoint().create(app, new EndpointIn().url(url("/stats-dead"))).getId();
    String first = sendMessage(app, "stats.test");
    String second = sendMessage(app, "stats.test");
    Eventually.await(
        "both delivered to one endpoint and dead at the other",
        WAIT,
        () ->
            Set.copyOf(deliveryStatus(first)).equals(Set.of("DELIVERED", "DEAD"))
                && Set.copyOf(deliveryStatus(second)).equals(Set.of("DELIVERED", "DEAD")),
        done -> done);

    EndpointStats stats = admin().getEndpoint().getStats(app, ep);
    assertEquals(2L, stats.getSuccess());
    assertEquals(0L, stats.getFail());
    assertEquals(0L, stats.getPending());
    assertEquals(0L, stats.getSending());
    EndpointStats deadStats = admin().getEndpoint().getStats(app, dead);
    assertEquals(0L, deadStats.getSuccess());
    assertEquals(2L, deadStats.getFail());

    EndpointGetStatsOptions later = new EndpointGetStatsOptions();
    later.setSince(OffsetDateTime.now(ZoneOffset.UTC).plusMinutes(5));
    assertEquals(0L, admin().getEndpoint().getStats(app, ep, later).getSuccess());
    EndpointGetStatsOptions window = new EndpointGetStatsOptions();
    window.setSince(before);
    window.setUntil(OffsetDateTime.now(ZoneOffset.UTC).plusMinutes(1));
    assertEquals(2L, admin().getEndpoint().getStats(app, ep, window).getSuccess());

    // Its scripted failures used up, the endpoint answers 200 now: recovering re-queues both.
    RecoverOut recovered = admin().getEndpoint().recover(app, dead, new RecoverIn().since(before));
    assertEquals(BackgroundTaskStatus.FINISHED, recovered.getStatus());
    assertEquals(BackgroundTaskType.ENDPOINT_RECOVER, recovered.getTask());
    assertTrue(recovered.getId().startsWith("qtask_"), recovered.getId());
    Eventually.await(
        "both recovered and delivered", WAIT, () -> stats(app, dead).getSuccess(), n -> n == 2L);
    assertEquals(0L, admin().getEndpoint().getStats(app, dead).getFail());
  }

  @Test
  void aLargerRecoveryGoesOnInTheBackgroundAndSendsEachDeadDeliveryOnceByHand() throws Exception {
    String app = newApp("recover-bg");
    OffsetDateTime since = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1);
    // Two full batches and a short one: the first before the answer, the rest in the background.
    int count = TestStack.RECOVER_BATCH_SIZE * 2 + 1;
    String path = "/recover-bg";
    receiver.scriptRepeated(path, count, 410);
    String ep = admin().getEndpoint().create(app, new EndpointIn().url(url(path))).getId();
    // One transaction for all the messages (Hookline's batch send, which the SDK lacks): every
    // delivery exists before the first try's 410 Gone disables the endpoint, and then dies.
    List<String> messages = sendBatch(app, count);
    assertEquals(count, messages.size());
    Eventually.await(
        "every delivery dead", WAIT, () -> stats(app, ep).getFail(), fail -> fail == count);
    // The 410s left unused go: every later try is answered 200, each after a while, so that a
    // batch's deliveries stay due (in flight) for that long.
    receiver.script(path, new Receiver.Reply[0]);
    receiver.slow(path, SLOW_REPLY);
    admin().getEndpoint().patch(app, ep, new EndpointPatch().disabled(false));

    RecoverOut started = admin().getEndpoint().recover(app, ep, new RecoverIn().since(since));
    assertEquals(BackgroundTaskStatus.RUNNING, started.getStatus(), "more than one batch");
    assertEquals(BackgroundTaskType.ENDPOINT_RECOVER, started.getTask());
    // One recovery at a time per endpoint: asking again, even for another window, while it runs
    // (its first batch is in flight for SLOW_REPLY) answers the running task, which goes on by
    // itself ("more").
    Api.Response again =
        api.post(
            "/api/v1/app/" + app + "/endpoint/" + ep + "/recover",
            Json.createObjectBuilder().add("since", since.minusHours(1).toString()).build());
    assertEquals(202, again.status(), again.body());
    assertEquals(started.getId(), again.json().getString("id"));
    assertEquals("running", again.json().getString("status"));
    assertTrue(again.json().getBoolean("more"), again.body());
    BackgroundTaskOut finished =
        Eventually.await(
            "the recovery finished",
            WAIT,
            () -> task(admin(), started.getId()),
            task -> task.getStatus() != BackgroundTaskStatus.RUNNING);
    assertEquals(BackgroundTaskStatus.FINISHED, finished.getStatus());
    assertEquals(BackgroundTaskType.ENDPOINT_RECOVER, finished.getTask());
    assertEquals(started.getId(), finished.getId());
    assertEquals(count, ((Map<?, ?>) finished.getData()).get("messagesSent"));

    Eventually.await(
        "every recovered delivery delivered",
        WAIT,
        () -> stats(app, ep).getSuccess(),
        success -> success == count);
    Map<String, Long> requests =
        receiver.received(path).stream()
            .collect(Collectors.groupingBy(r -> r.header("svix-id"), Collectors.counting()));
    assertEquals(Set.copyOf(messages), requests.keySet());
    // The first try got the 410; every delivery was then sent once, none twice.
    assertEquals(count + 1, requests.values().stream().mapToLong(Long::longValue).sum());
    // Paced: the second batch waited while the first one's deliveries were due (in flight), so
    // it reached the endpoint only after a first reply (without pacing, a second after the first).
    List<Receiver.Received> recovered = receiver.received(path).subList(1, count + 1);
    Receiver.Received firstOfFirstBatch = recovered.get(0);
    Receiver.Received firstOfSecondBatch = recovered.get(TestStack.RECOVER_BATCH_SIZE);
    assertFalse(
        firstOfSecondBatch.at().isBefore(firstOfFirstBatch.at().plus(SLOW_REPLY)),
        firstOfFirstBatch.at() + " then " + firstOfSecondBatch.at());

    MessageAttemptListByEndpointOptions succeeded = new MessageAttemptListByEndpointOptions();
    succeeded.setStatus(MessageStatus.SUCCESS);
    succeeded.setLimit(250L);
    List<MessageAttemptOut> sent =
        admin().getMessageAttempt().listByEndpoint(app, ep, succeeded).getData();
    assertEquals(count, sent.size());
    sent.forEach(
        attempt -> assertEquals(MessageAttemptTriggerType.MANUAL, attempt.getTriggerType()));
    MessageAttemptListByEndpointOptions failed = new MessageAttemptListByEndpointOptions();
    failed.setStatus(MessageStatus.FAIL);
    failed.setLimit(250L);
    List<MessageAttemptOut> dead =
        admin().getMessageAttempt().listByEndpoint(app, ep, failed).getData();
    assertEquals(count, dead.size());
    dead.forEach(
        attempt -> assertEquals(MessageAttemptTriggerType.SCHEDULED, attempt.getTriggerType()));

    // The task is the app's: its own token reads it, another app's does not find it.
    String own =
        api.create("/api/v1/app/" + app + "/token", JsonObject.EMPTY_JSON_OBJECT)
            .getString("token");
    assertEquals(
        BackgroundTaskStatus.FINISHED,
        SvixEventTypeIT.svix(own).getBackgroundTask().get(started.getId()).getStatus());
    String otherApp = newApp("recover-bg-other");
    String foreign =
        api.create("/api/v1/app/" + otherApp + "/token", JsonObject.EMPTY_JSON_OBJECT)
            .getString("token");
    assertEquals(
        404,
        assertThrows(
                ApiException.class,
                () -> SvixEventTypeIT.svix(foreign).getBackgroundTask().get(started.getId()))
            .getCode());
    assertEquals(
        404,
        assertThrows(
                ApiException.class,
                () -> admin().getBackgroundTask().get("qtask_00000000000000000000000000"))
            .getCode());
  }

  @Test
  void aRetriedRecoverWhoseAnswerWasNeverStoredGetsTheTaskItsKeyMade() throws Exception {
    String app = newApp("recover-key");
    OffsetDateTime since = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1);
    String path = "/recover-key";
    receiver.scriptRepeated(path, TestStack.MAX_ATTEMPTS, 500);
    String ep = admin().getEndpoint().create(app, new EndpointIn().url(url(path))).getId();
    String message = sendMessage(app, "recover.key");
    awaitDeliveryStatus(message, "DEAD");

    String recover = "/api/v1/app/" + app + "/endpoint/" + ep + "/recover";
    String body = Json.createObjectBuilder().add("since", since.toString()).build().toString();
    String key = "recover-" + UUID.randomUUID();
    Api.Response first = api.sendWithHeader("POST", recover, body, "idempotency-key", key);
    assertEquals(202, first.status(), first.body());
    assertEquals("finished", first.json().getString("status"));
    assertEquals(1, first.json().getInt("recovered"));
    assertFalse(first.json().getBoolean("more"));
    awaitDeliveryStatus(message, "DELIVERED");

    // As if the first request's transaction had failed after its task committed (a dropped
    // connection): the key's stored answer is gone, so the retry runs the request again.
    assertEquals(
        1,
        Sql.update(
            TestStack.microDatabase(), "delete from idempotent_answer where idem_key = ?", key));
    Api.Response retried = api.sendWithHeader("POST", recover, body, "idempotency-key", key);
    assertEquals(202, retried.status(), retried.body());
    assertTrue(retried.headers().firstValue("Idempotent-Replayed").isEmpty(), "not a replay");
    assertEquals(first.json().getString("id"), retried.json().getString("id"), "the same task");
    assertEquals(1, retried.json().getInt("recovered"));

    // Another key is another request: a new task, with nothing left to recover.
    Api.Response other =
        api.sendWithHeader(
            "POST", recover, body, "idempotency-key", "recover-" + UUID.randomUUID());
    assertEquals(202, other.status(), other.body());
    assertNotEquals(first.json().getString("id"), other.json().getString("id"));
    assertEquals(0, other.json().getInt("recovered"));
    // The scripted failures, then the one recovery: the retry re-queued nothing.
    assertEquals(TestStack.MAX_ATTEMPTS + 1, receiver.received(path).size());
  }

  @Test
  void aDeliveryThatCannotBeRequeuedIsPassedOverAndTheRestRecovered() throws Exception {
    String app = newApp("recover-poison");
    OffsetDateTime since = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1);
    int count = TestStack.RECOVER_BATCH_SIZE * 2 + 1;
    String path = "/recover-poison";
    receiver.scriptRepeated(path, count, 410);
    String ep = admin().getEndpoint().create(app, new EndpointIn().url(url(path))).getId();
    List<String> messages = sendBatch(app, count);
    Eventually.await(
        "every delivery dead", WAIT, () -> stats(app, ep).getFail(), fail -> fail == count);
    receiver.script(path, new Receiver.Reply[0]);
    admin().getEndpoint().patch(app, ep, new EndpointPatch().disabled(false));
    // The second delivery (by id: in the first batch) cannot be re-queued: the database refuses
    // to mark it for a manual try, as a row that always fails would.
    List<String> deliveries =
        Sql.strings(
            TestStack.microDatabase(),
            "select id from delivery where endpoint_id = ? order by id",
            ep);
    String poison = deliveries.get(1);
    String trigger = "poison_" + ep.toLowerCase(java.util.Locale.ROOT).replace('-', '_');
    Sql.execute(
        TestStack.microDatabase(),
        "create function "
            + trigger
            + "() returns trigger language plpgsql as $$ begin"
            + " raise exception 'cannot re-queue this one'; end $$");
    Sql.execute(
        TestStack.microDatabase(),
        "create trigger "
            + trigger
            + " before update on delivery for each row when (new.id = '"
            + poison
            + "' and new.next_try_manual) execute function "
            + trigger
            + "()");
    try {
      RecoverOut started = admin().getEndpoint().recover(app, ep, new RecoverIn().since(since));
      assertEquals(
          BackgroundTaskStatus.RUNNING, started.getStatus(), "its first batch failed: counted");
      BackgroundTaskOut finished =
          Eventually.await(
              "the recovery over",
              Duration.ofSeconds(60),
              () -> task(admin(), started.getId()),
              task -> task.getStatus() != BackgroundTaskStatus.RUNNING);
      assertEquals(BackgroundTaskStatus.FINISHED, finished.getStatus(), "" + finished.getData());
      Map<?, ?> data = (Map<?, ?>) finished.getData();
      assertEquals(count - 1, data.get("messagesSent"));
      assertEquals(1, data.get("messagesSkipped"));
    } finally {
      Sql.execute(TestStack.microDatabase(), "drop trigger " + trigger + " on delivery");
      Sql.execute(TestStack.microDatabase(), "drop function " + trigger + "()");
    }
    Eventually.await(
        "the others delivered",
        WAIT,
        () -> stats(app, ep).getSuccess(),
        success -> success == count - 1);
    assertEquals(
        List.of("DEAD"),
        Sql.strings(TestStack.microDatabase(), "select status from delivery where id = ?", poison));
    Set<String> sent =
        receiver.received(path).stream()
            .skip(1)
            .map(r -> r.header("svix-id"))
            .collect(Collectors.toSet());
    Set<String> expected = new java.util.HashSet<>(messages);
    expected.remove(
        Sql.strings(
                TestStack.microDatabase(), "select message_id from delivery where id = ?", poison)
            .get(0));
    assertEquals(expected, sent);
  }

  @Test
  void recoveryTasksOverForTheRetentionDaysAreRemoved() throws Exception {
    String app = newApp("recover-retention");
    String ep = admin().getEndpoint().create(app, new EndpointIn().url(url("/retention"))).getId();
    String old = "qtask_RETENTIONOLD" + Long.toString(System.nanoTime(), 36).toUpperCase();
    String recent = "qtask_RETENTIONNEW" + Long.toString(System.nanoTime(), 36).toUpperCase();
    String insert =
        "insert into recovery_task (id, app_id, endpoint_id, since, until, status, next_run_at,"
            + " created_at, updated_at) values (?, ?, ?, now() - interval '40 days', now(),"
            + " ?, now(), now() - interval '40 days', now() - make_interval(days => ?))";
    // Over 31 days ago (the retention keeps 30 by default), and 29 days ago.
    Sql.update(TestStack.microDatabase(), insert, old, app, ep, "FINISHED", 31);
    Sql.update(TestStack.microDatabase(), insert, recent, app, ep, "FAILED", 29);
    Eventually.await(
        "the old task removed",
        WAIT,
        () ->
            Sql.count(
                TestStack.microDatabase(), "select count(*) from recovery_task where id = ?", old),
        n -> n == 0);
    assertEquals(
        1,
        Sql.count(
            TestStack.microDatabase(), "select count(*) from recovery_task where id = ?", recent));
    assertEquals(200, api.get("/api/v1/background-task/" + recent).status());
    assertEquals(404, api.get("/api/v1/background-task/" + old).status());
  }

  /** The app's messages sent in one transaction (Hookline's batch send); their ids. */
  private static List<String> sendBatch(String app, int count) {
    JsonArrayBuilder items = Json.createArrayBuilder();
    for (int i = 0; i < count; i++) {
      items.add(
          Json.createObjectBuilder()
              .add("eventType", "recover.test")
              .add("payload", Json.createObjectBuilder().add("n", i)));
    }
    Api.Response batch =
        api.post(
            "/api/v1/app/" + app + "/msg/batch",
            Json.createObjectBuilder().add("messages", items).build());
    assertEquals(200, batch.status(), batch.body());
    return batch.json().getJsonArray("data").getValuesAs(JsonObject.class).stream()
        .map(item -> item.getString("id"))
        .toList();
  }

  private static BackgroundTaskOut task(Svix svix, String id) {
    try {
      return svix.getBackgroundTask().get(id);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static EndpointStats stats(String app, String endpoint) {
    try {
      return admin().getEndpoint().getStats(app, endpoint);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void anAppTokenReachesItsOwnEndpointsOnly() throws Exception {
    String mine = newApp("token-mine");
    String other = newApp("token-other");
    String theirs =
        admin().getEndpoint().create(other, new EndpointIn().url(url("/theirs"))).getId();
    String token =
        api.create("/api/v1/app/" + mine + "/token", JsonObject.EMPTY_JSON_OBJECT)
            .getString("token");
    Svix app = SvixEventTypeIT.svix(token);
    EndpointOut own = app.getEndpoint().create(mine, new EndpointIn().url(url("/mine")));
    assertEquals(own.getId(), app.getEndpoint().get(mine, own.getId()).getId());
    assertEquals(1, app.getEndpoint().list(mine).getData().size());
    assertEquals(
        404,
        assertThrows(ApiException.class, () -> app.getEndpoint().get(other, theirs)).getCode());
    assertEquals(
        404,
        assertThrows(ApiException.class, () -> app.getEndpoint().get(mine, theirs)).getCode(),
        "another app's endpoint through one's own app");
  }
}
