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
import com.svix.api.MessageAttemptListAttemptedDestinationsOptions;
import com.svix.api.MessageAttemptListByEndpointOptions;
import com.svix.api.MessageAttemptListByMsgOptions;
import com.svix.api.MessageCreateOptions;
import com.svix.api.MessageGetOptions;
import com.svix.api.MessageListOptions;
import com.svix.exceptions.ApiException;
import com.svix.models.ApplicationIn;
import com.svix.models.ApplicationOut;
import com.svix.models.EmptyResponse;
import com.svix.models.ListResponseMessageAttemptOut;
import com.svix.models.ListResponseMessageEndpointOut;
import com.svix.models.ListResponseMessageOut;
import com.svix.models.MessageAttemptOut;
import com.svix.models.MessageAttemptTriggerType;
import com.svix.models.MessageEndpointOut;
import com.svix.models.MessageIn;
import com.svix.models.MessageOut;
import com.svix.models.MessageStatus;
import com.svix.models.MessageStatusText;
import com.svix.models.StatusCodeClass;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Svix's messages and attempts ({@code /api/v1/app/{app_id}/msg}, {@code .../attempt}) driven by
 * Svix's official Java SDK (com.svix:svix); endpoints are made over plain HTTP, deliveries are
 * checked with the SDK's own {@code Webhook} verifier.
 */
class SvixMessageIT extends MicroTest {
  static final String RUN = "svixmsg-" + Long.toHexString(System.nanoTime()) + "-";

  static Svix svix() {
    return SvixEventTypeIT.admin();
  }

  static ApplicationOut app(String name) throws Exception {
    return svix().getApplication().create(new ApplicationIn().name(name).uid(RUN + name));
  }

  static MessageIn message(String eventType, String payload) {
    return new MessageIn().eventType(eventType).payload(payload);
  }

  @Test
  void aMessageMadeThroughTheSdkIsReadBackAndDeliveredVerifiably() throws Exception {
    ApplicationOut app = app("deliver");
    String endpoint = createEndpoint(app.getId(), "/svixmsg-deliver");
    String secret =
        api.get("/api/v1/app/" + app.getId() + "/endpoint/" + endpoint + "/secret")
            .json()
            .getString("key");

    MessageOut sent =
        svix()
            .getMessage()
            .create(
                app.getUid(),
                message("invoice.paid", "{\"invoice\":\"in_1\",\"amount\":4200}")
                    .eventId(RUN + "evt-1")
                    .channels(Set.of("project_1", "group.2"))
                    .tags(Set.of("billing")));
    assertTrue(sent.getId().startsWith("msg_"), sent.getId());
    assertEquals("invoice.paid", sent.getEventType());
    assertEquals(RUN + "evt-1", sent.getEventId());
    assertEquals(Set.of("project_1", "group.2"), sent.getChannels());
    assertEquals(Set.of("billing"), sent.getTags());
    assertEquals(Map.of("invoice", "in_1", "amount", 4200), sent.getPayload());
    assertTrue(
        sent.getTimestamp().isAfter(OffsetDateTime.now().minusMinutes(5)),
        "" + sent.getTimestamp());

    MessageOut byId = svix().getMessage().get(app.getId(), sent.getId());
    assertEquals(sent.getId(), byId.getId());
    assertEquals(sent.getPayload(), byId.getPayload());
    assertEquals(sent.getTimestamp(), byId.getTimestamp());
    MessageOut byEventId = svix().getMessage().get(app.getUid(), RUN + "evt-1");
    assertEquals(sent.getId(), byEventId.getId());
    MessageGetOptions noContent = new MessageGetOptions();
    noContent.setWithContent(false);
    assertEquals(
        Map.of(), svix().getMessage().get(app.getId(), sent.getId(), noContent).getPayload());
    assertEquals(
        404,
        assertThrows(ApiException.class, () -> svix().getMessage().get(app.getId(), "nope"))
            .getCode());

    Receiver.Received request = receiver.await("/svixmsg-deliver", 1, WAIT).get(0);
    String body = new String(request.body(), StandardCharsets.UTF_8);
    Map<String, List<String>> headers =
        request.headers().entrySet().stream()
            .collect(Collectors.toMap(Map.Entry::getKey, h -> List.of(h.getValue())));
    assertEquals(List.of(sent.getId()), headers.get("svix-id"));
    assertDoesNotThrow(() -> new Webhook(secret).verify(body, headers));
    assertEquals(
        jakarta.json.Json.createReader(new java.io.StringReader(body)).readObject(),
        jakarta.json.Json.createObjectBuilder().add("invoice", "in_1").add("amount", 4200).build());
  }

  @Test
  void aRepeatedEventIdIsAConflictButARetriedIdempotencyKeyIsOneMessage() throws Exception {
    ApplicationOut app = app("dedup");
    MessageOut first =
        svix()
            .getMessage()
            .create(app.getId(), message("order.paid", "{\"n\":1}").eventId("order-1"));
    // The SDK sends a new idempotency-key with each call: the same body again is a new request.
    ApiException repeated =
        assertThrows(
            ApiException.class,
            () ->
                svix()
                    .getMessage()
                    .create(app.getId(), message("order.paid", "{\"n\":1}").eventId("order-1")));
    assertEquals(409, repeated.getCode());

    MessageCreateOptions key = new MessageCreateOptions();
    key.setIdempotencyKey("auto_" + RUN + "retry");
    MessageIn retried = message("order.paid", "{\"n\":2}").eventId("order-2");
    MessageOut once = svix().getMessage().create(app.getId(), retried, key);
    MessageOut again = svix().getMessage().create(app.getId(), retried, key);
    assertEquals(once.getId(), again.getId());
    ApiException otherBody =
        assertThrows(
            ApiException.class,
            () ->
                svix()
                    .getMessage()
                    .create(
                        app.getId(), message("order.paid", "{\"n\":3}").eventId("order-3"), key));
    assertEquals(409, otherBody.getCode());

    List<String> ids =
        svix().getMessage().list(app.getId()).getData().stream().map(MessageOut::getId).toList();
    assertEquals(List.of(once.getId(), first.getId()), ids, "one message per eventId");
  }

  @Test
  void pagingAcrossAGrowingListNeitherSkipsNorRepeats() throws Exception {
    ApplicationOut app = app("paging");
    List<String> made = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      made.add(svix().getMessage().create(app.getId(), message("page.made", "{}")).getId());
    }
    List<String> seen = new ArrayList<>();
    String iterator = null;
    boolean done = false;
    int pages = 0;
    while (!done) {
      MessageListOptions options = new MessageListOptions();
      options.setLimit(2L);
      options.setIterator(iterator);
      ListResponseMessageOut page = svix().getMessage().list(app.getId(), options);
      assertTrue(page.getData().size() <= 2, "page of " + page.getData().size());
      page.getData().forEach(m -> seen.add(m.getId()));
      iterator = page.getIterator();
      done = page.getDone();
      if (pages++ == 0) {
        // Newer than the walk's start: it belongs before the first page, not in the walk.
        svix().getMessage().create(app.getId(), message("page.during", "{}"));
      }
      assertTrue(pages < 10, "the walk ends");
    }
    assertEquals(List.of(made.get(4), made.get(3), made.get(2), made.get(1), made.get(0)), seen);
    assertEquals(seen.size(), new HashSet<>(seen).size(), "repeated: " + seen);

    MessageListOptions all = new MessageListOptions();
    all.setLimit(250L);
    assertEquals(6, svix().getMessage().list(app.getId(), all).getData().size());
  }

  @Test
  void listsFilterByEventTypeChannelTagAndTime() throws Exception {
    ApplicationOut app = app("filters");
    MessageOut a =
        svix()
            .getMessage()
            .create(
                app.getId(),
                message("user.created", "{\"u\":1}").channels(Set.of("eu")).tags(Set.of("vip")));
    MessageOut b =
        svix()
            .getMessage()
            .create(app.getId(), message("user.deleted", "{\"u\":2}").channels(Set.of("us")));
    MessageOut c =
        svix()
            .getMessage()
            .create(app.getId(), message("invoice.paid", "{\"u\":3}").tags(Set.of("vip", "x_y")));

    assertEquals(
        List.of(b.getId(), a.getId()),
        ids(app, o -> o.setEventTypes(Set.of("user.created", "user.deleted"))));
    assertEquals(List.of(a.getId()), ids(app, o -> o.setChannel("eu")));
    assertEquals(List.of(), ids(app, o -> o.setChannel("e")));
    assertEquals(List.of(c.getId(), a.getId()), ids(app, o -> o.setTag("vip")));
    assertEquals(List.of(c.getId()), ids(app, o -> o.setTag("x_y")));
    assertEquals(List.of(), ids(app, o -> o.setTag("xay")), "_ is not a wildcard");
    assertEquals(List.of(a.getId()), ids(app, o -> o.setBefore(b.getTimestamp())));
    assertEquals(List.of(c.getId()), ids(app, o -> o.setAfter(b.getTimestamp())));

    MessageListOptions noContent = new MessageListOptions();
    noContent.setWithContent(false);
    svix()
        .getMessage()
        .list(app.getId(), noContent)
        .getData()
        .forEach(m -> assertEquals(Map.of(), m.getPayload()));
    assertEquals(
        Map.of("u", 3), svix().getMessage().list(app.getId()).getData().get(0).getPayload());

    MessageListOptions badLimit = new MessageListOptions();
    badLimit.setLimit(251L);
    assertEquals(
        422,
        assertThrows(ApiException.class, () -> svix().getMessage().list(app.getId(), badLimit))
            .getCode());
    ApiException badChannel =
        assertThrows(
            ApiException.class,
            () ->
                svix()
                    .getMessage()
                    .create(app.getId(), message("x.y", "{}").channels(Set.of("no spaces"))));
    assertEquals(422, badChannel.getCode());
  }

  private static List<String> ids(
      ApplicationOut app, java.util.function.Consumer<MessageListOptions> filter) throws Exception {
    MessageListOptions options = new MessageListOptions();
    filter.accept(options);
    return svix().getMessage().list(app.getId(), options).getData().stream()
        .map(MessageOut::getId)
        .toList();
  }

  @Test
  void anInlineApplicationIsCreatedWhenThePathNamesNone() throws Exception {
    String uid = RUN + "inline";
    MessageOut sent =
        svix()
            .getMessage()
            .create(
                uid,
                message("app.inline", "{}").application(new ApplicationIn().name("Made inline")));
    ApplicationOut made = svix().getApplication().get(uid);
    assertEquals("Made inline", made.getName());
    assertEquals(uid, made.getUid());
    assertEquals(sent.getId(), svix().getMessage().get(made.getId(), sent.getId()).getId());
    // Now that it exists the application object is ignored.
    svix()
        .getMessage()
        .create(uid, message("app.inline", "{}").application(new ApplicationIn().name("Other")));
    assertEquals("Made inline", svix().getApplication().get(uid).getName());
    assertEquals(
        404,
        assertThrows(
                ApiException.class,
                () -> svix().getMessage().create(RUN + "no-such-app", message("x.y", "{}")))
            .getCode());
  }

  @Test
  void firstMessagesSentAtOnceForANewInlineAppAreAllAccepted() throws Exception {
    String uid = RUN + "inline-race";
    int senders = 8;
    var pool = java.util.concurrent.Executors.newFixedThreadPool(senders);
    var start = new java.util.concurrent.CountDownLatch(1);
    List<java.util.concurrent.Future<MessageOut>> sends = new ArrayList<>();
    try {
      for (int i = 0; i < senders; i++) {
        String eventId = RUN + "race-" + i;
        sends.add(
            pool.submit(
                () -> {
                  start.await();
                  return svix()
                      .getMessage()
                      .create(
                          uid,
                          message("app.race", "{}")
                              .eventId(eventId)
                              .application(new ApplicationIn().name("Raced")));
                }));
      }
      start.countDown();
      Set<String> ids = new HashSet<>();
      for (var send : sends) {
        // A lost race to create the app must not surface as a 409 (a "duplicate" to callers).
        ids.add(
            assertDoesNotThrow(() -> send.get(60, java.util.concurrent.TimeUnit.SECONDS)).getId());
      }
      assertEquals(senders, ids.size());
    } finally {
      pool.shutdownNow();
    }
    MessageListOptions all = new MessageListOptions();
    all.setLimit(50L);
    ListResponseMessageOut stored = svix().getMessage().list(uid, all);
    assertEquals(senders, stored.getData().size());
  }

  @Test
  void aMessageToBeSentLaterIsRefusedNotSentAtOnce() throws Exception {
    ApplicationOut app = app("deliver-at");
    // Over plain HTTP with Svix's wire field: com.svix:svix 1.99.1 leaves deliverAt out of the
    // body it sends (its MessageInInternal copies every field of MessageIn but that one).
    Api.Response refused =
        api.post(
            "/api/v1/app/" + app.getId() + "/msg",
            jakarta.json.Json.createObjectBuilder()
                .add("eventType", "later.please")
                .add("payload", jakarta.json.Json.createObjectBuilder())
                .add("deliverAt", OffsetDateTime.now().plusHours(1).toString())
                .build());
    assertEquals(422, refused.status(), refused.body());
    assertTrue(refused.body().contains("deliverAt"), refused.body());
    assertTrue(svix().getMessage().list(app.getId(), new MessageListOptions()).getData().isEmpty());
  }

  @Test
  void anInlineApplicationIsCheckedAsACreatedOneIs() throws Exception {
    String uid = RUN + "inline-checked";
    ApiException refused =
        assertThrows(
            ApiException.class,
            () ->
                svix()
                    .getMessage()
                    .create(
                        uid,
                        message("app.inline", "{}")
                            .application(
                                new ApplicationIn()
                                    .name("Bad metadata")
                                    .metadata(Map.of("k", "v".repeat(1025))))));
    assertEquals(422, refused.getCode());
    assertTrue(refused.getResponseBody().contains("metadata"), refused.getResponseBody());
    assertEquals(
        404, assertThrows(ApiException.class, () -> svix().getApplication().get(uid)).getCode());
    // throttleRate 0 is within Svix's uint16, as POST /api/v1/app takes it.
    svix()
        .getMessage()
        .create(
            uid,
            message("app.inline", "{}")
                .application(new ApplicationIn().name("Zero").throttleRate(0L)));
    assertEquals("Zero", svix().getApplication().get(uid).getName());
  }

  @Test
  void attemptsDestinationsAndResendThroughTheSdk() throws Exception {
    ApplicationOut app = app("attempts");
    receiver.script("/svixmsg-attempts", 500, 200);
    String endpoint = createEndpoint(app.getId(), "/svixmsg-attempts");
    MessageOut sent = svix().getMessage().create(app.getId(), message("attempt.made", "{\"a\":1}"));
    receiver.await("/svixmsg-attempts", 2, WAIT);
    ListResponseMessageAttemptOut byMsg =
        Eventually.await(
            "two attempts",
            WAIT,
            () -> listByMsg(app, sent.getId(), new MessageAttemptListByMsgOptions()),
            list -> list.getData().size() == 2);
    MessageAttemptOut success = byMsg.getData().get(0);
    MessageAttemptOut failure = byMsg.getData().get(1);
    assertTrue(success.getId().startsWith("atmpt_"), success.getId());
    assertNotEquals(success.getId(), failure.getId());
    assertEquals(MessageStatus.SUCCESS, success.getStatus());
    assertEquals(MessageStatusText.SUCCESS, success.getStatusText());
    assertEquals((short) 200, success.getResponseStatusCode());
    assertEquals(MessageStatus.FAIL, failure.getStatus());
    assertEquals(MessageStatusText.FAIL, failure.getStatusText());
    assertEquals((short) 500, failure.getResponseStatusCode());
    for (MessageAttemptOut attempt : byMsg.getData()) {
      assertEquals(sent.getId(), attempt.getMsgId());
      assertEquals(endpoint, attempt.getEndpointId());
      assertEquals(receiver.url("/svixmsg-attempts"), attempt.getUrl().toString());
      assertEquals(MessageAttemptTriggerType.SCHEDULED, attempt.getTriggerType());
      assertTrue(attempt.getResponseDurationMs() >= 0);
    }
    assertFalse(success.getTimestamp().isBefore(failure.getTimestamp()), "newest first");

    MessageAttemptListByMsgOptions failed = new MessageAttemptListByMsgOptions();
    failed.setStatus(MessageStatus.FAIL);
    assertEquals(List.of(failure.getId()), attemptIds(listByMsg(app, sent.getId(), failed)));
    // An attempt is a try made, with its outcome: none is pending, sending or canceled.
    for (MessageStatus none :
        List.of(MessageStatus.PENDING, MessageStatus.SENDING, MessageStatus.CANCELED)) {
      MessageAttemptListByMsgOptions byStatus = new MessageAttemptListByMsgOptions();
      byStatus.setStatus(none);
      assertEquals(List.of(), attemptIds(listByMsg(app, sent.getId(), byStatus)), "" + none);
    }
    MessageAttemptListByMsgOptions fiveHundreds = new MessageAttemptListByMsgOptions();
    fiveHundreds.setStatusCodeClass(StatusCodeClass.CODE5XX);
    assertEquals(List.of(failure.getId()), attemptIds(listByMsg(app, sent.getId(), fiveHundreds)));
    MessageAttemptListByMsgOptions twoHundreds = new MessageAttemptListByMsgOptions();
    twoHundreds.setStatusCodeClass(StatusCodeClass.CODE2XX);
    assertEquals(List.of(success.getId()), attemptIds(listByMsg(app, sent.getId(), twoHundreds)));
    for (StatusCodeClass other :
        List.of(
            StatusCodeClass.CODE_NONE,
            StatusCodeClass.CODE1XX,
            StatusCodeClass.CODE3XX,
            StatusCodeClass.CODE4XX)) {
      MessageAttemptListByMsgOptions byClass = new MessageAttemptListByMsgOptions();
      byClass.setStatusCodeClass(other);
      assertEquals(List.of(), attemptIds(listByMsg(app, sent.getId(), byClass)), "" + other);
    }
    MessageAttemptListByMsgOptions noContent = new MessageAttemptListByMsgOptions();
    noContent.setWithContent(false);
    listByMsg(app, sent.getId(), noContent)
        .getData()
        .forEach(attempt -> assertEquals("{}", attempt.getResponse(), "left out, as Svix does"));
    MessageAttemptListByMsgOptions onePage = new MessageAttemptListByMsgOptions();
    onePage.setLimit(1L);
    ListResponseMessageAttemptOut first = listByMsg(app, sent.getId(), onePage);
    assertEquals(List.of(success.getId()), attemptIds(first));
    assertFalse(first.getDone());
    onePage.setIterator(first.getIterator());
    ListResponseMessageAttemptOut second = listByMsg(app, sent.getId(), onePage);
    assertEquals(List.of(failure.getId()), attemptIds(second));

    ListResponseMessageAttemptOut byEndpoint =
        svix().getMessageAttempt().listByEndpoint(app.getId(), endpoint);
    assertEquals(attemptIds(byMsg), attemptIds(byEndpoint));
    MessageAttemptListByEndpointOptions otherType = new MessageAttemptListByEndpointOptions();
    otherType.setEventTypes(Set.of("other.type"));
    assertEquals(
        List.of(),
        attemptIds(svix().getMessageAttempt().listByEndpoint(app.getId(), endpoint, otherType)));
    MessageAttemptListByEndpointOptions sameType = new MessageAttemptListByEndpointOptions();
    sameType.setEventTypes(Set.of("attempt.made", "other.type"));
    sameType.setAfter(failure.getTimestamp());
    assertEquals(
        List.of(success.getId()),
        attemptIds(svix().getMessageAttempt().listByEndpoint(app.getId(), endpoint, sameType)));

    MessageAttemptOut one =
        svix().getMessageAttempt().get(app.getId(), sent.getId(), failure.getId());
    assertEquals(failure.getId(), one.getId());
    assertEquals(failure.getResponse(), one.getResponse());
    assertEquals(
        404,
        assertThrows(
                ApiException.class,
                () -> svix().getMessageAttempt().get(app.getId(), sent.getId(), "atmpt_1"))
            .getCode());

    ListResponseMessageEndpointOut destinations =
        Eventually.await(
            "the delivery marked delivered",
            WAIT,
            () -> destinations(app, sent.getId()),
            list ->
                list.getData().size() == 1
                    && list.getData().get(0).getStatus() == MessageStatus.SUCCESS);
    MessageEndpointOut destination = destinations.getData().get(0);
    assertEquals(endpoint, destination.getId());
    assertEquals(receiver.url("/svixmsg-attempts"), destination.getUrl().toString());
    assertEquals(MessageStatusText.SUCCESS, destination.getStatusText());
    assertNull(destination.getNextAttempt());
    assertTrue(destinations.getDone());

    // The Java SDK 1.99.1 makes this POST without a body, which its own HTTP client (OkHttp)
    // refuses before anything is sent; the request is made here as the other SDKs make it (an
    // empty body and an idempotency-key), and the answer read with the SDK's model.
    assertThrows(
        IllegalArgumentException.class,
        () -> svix().getMessageAttempt().resend(app.getId(), sent.getId(), endpoint));
    String resend =
        "/api/v1/app/"
            + app.getUid()
            + "/msg/"
            + sent.getId()
            + "/endpoint/"
            + endpoint
            + "/resend";
    String key = "auto_" + java.util.UUID.randomUUID();
    Api.Response resent = api.sendWithHeader("POST", resend, "", "idempotency-key", key);
    assertEquals(202, resent.status(), resent.body());
    assertEquals(new EmptyResponse(), EmptyResponse.fromJson(resent.body()));
    receiver.await("/svixmsg-attempts", 3, WAIT);
    ListResponseMessageAttemptOut afterResend =
        Eventually.await(
            "the resent attempt recorded",
            WAIT,
            () -> listByMsg(app, sent.getId(), new MessageAttemptListByMsgOptions()),
            list -> list.getData().size() == 3);
    MessageAttemptOut resentAttempt = afterResend.getData().get(0);
    assertEquals(MessageAttemptTriggerType.MANUAL, resentAttempt.getTriggerType(), "a resend");
    assertEquals(MessageStatus.SUCCESS, resentAttempt.getStatus());
    assertEquals(
        MessageAttemptTriggerType.MANUAL,
        svix()
            .getMessageAttempt()
            .get(app.getId(), sent.getId(), resentAttempt.getId())
            .getTriggerType());
    assertEquals(
        List.of(MessageAttemptTriggerType.SCHEDULED, MessageAttemptTriggerType.SCHEDULED),
        afterResend.getData().subList(1, 3).stream()
            .map(MessageAttemptOut::getTriggerType)
            .toList(),
        "the earlier tries stay as they were made");
    Api.Response retried = api.sendWithHeader("POST", resend, "", "idempotency-key", key);
    assertEquals(202, retried.status(), retried.body());
    assertEquals(
        "true",
        retried.headers().firstValue("Idempotent-Replayed").orElse(""),
        "a retry is answered once");
    assertEquals(
        404,
        api.sendWithHeader(
                "POST",
                "/api/v1/app/" + app.getId() + "/msg/msg_none/endpoint/" + endpoint + "/resend",
                "",
                "idempotency-key",
                "auto_" + java.util.UUID.randomUUID())
            .status());
  }

  @Test
  void aDestinationIsPendingUntilATryFailsThenSendingWhileItsRetryIsMade() throws Exception {
    ApplicationOut app = app("in-flight");
    String path = "/svixmsg-in-flight";
    receiver.script(path, 500, 200);
    String endpoint = createEndpoint(app.getId(), path);
    Receiver.Hold first = receiver.hold(path, 1);
    MessageOut sent = svix().getMessage().create(app.getId(), message("flight.test", "{}"));

    // The first try is under way (its request held at the receiver): nothing is recorded yet.
    first.awaitArrival(WAIT);
    MessageEndpointOut tryingFirst = destinations(app, sent.getId()).getData().get(0);
    assertEquals(endpoint, tryingFirst.getId());
    assertEquals(MessageStatus.PENDING, tryingFirst.getStatus());
    assertEquals(MessageStatusText.PENDING, tryingFirst.getStatusText());
    assertNotNull(tryingFirst.getNextAttempt(), "when its first try was due");
    assertFalse(tryingFirst.getNextAttempt().isAfter(OffsetDateTime.now()), "due already");
    assertEquals(List.of(), attemptIds(listByMsg(app, sent.getId(), null)));

    // The first try fails (500); its retry is under way, held in turn.
    Receiver.Hold second = receiver.hold(path, 2);
    first.release();
    second.awaitArrival(WAIT);
    MessageEndpointOut retrying = destinations(app, sent.getId()).getData().get(0);
    assertEquals(MessageStatus.SENDING, retrying.getStatus());
    assertEquals(MessageStatusText.SENDING, retrying.getStatusText());
    assertNotNull(retrying.getNextAttempt(), "when the retry was due");
    ListResponseMessageAttemptOut failed = listByMsg(app, sent.getId(), null);
    assertEquals(1, failed.getData().size());
    assertEquals(MessageStatus.FAIL, failed.getData().get(0).getStatus());
    assertFalse(
        retrying.getNextAttempt().isBefore(failed.getData().get(0).getTimestamp()),
        "the retry is due after the failed try");

    second.release();
    MessageEndpointOut delivered =
        Eventually.await(
                "the retry delivered",
                WAIT,
                () -> destinations(app, sent.getId()),
                list -> list.getData().get(0).getStatus() == MessageStatus.SUCCESS)
            .getData()
            .get(0);
    assertNull(delivered.getNextAttempt());
  }

  @Test
  void aResendOfADeliveryStillFailingBringsItsTryForwardAndItStaysSending() throws Exception {
    ApplicationOut app = app("resend-sending");
    String path = "/svixmsg-resend-sending";
    // The first try is told to come back in 3 s (Retry-After; the tests cap it at 3 s).
    receiver.script(path, new Receiver.Reply(503, Map.of("Retry-After", "3")));
    String endpoint = createEndpoint(app.getId(), path);
    Receiver.Hold second = receiver.hold(path, 2);
    MessageOut sent = svix().getMessage().create(app.getId(), message("resend.sending", "{}"));
    MessageEndpointOut failing =
        Eventually.await(
            "the first try failed",
            WAIT,
            () -> destinations(app, sent.getId()).getData().get(0),
            destination -> destination.getStatus() == MessageStatus.SENDING);
    OffsetDateTime scheduled = failing.getNextAttempt();

    Api.Response resent =
        api.post(
            "/api/v1/app/"
                + app.getId()
                + "/msg/"
                + sent.getId()
                + "/endpoint/"
                + endpoint
                + "/resend",
            jakarta.json.JsonValue.EMPTY_JSON_OBJECT);
    assertEquals(202, resent.status(), resent.body());
    second.awaitArrival(WAIT);
    assertTrue(
        receiver.received(path).get(1).at().isBefore(scheduled.toInstant()),
        "the resend's try, not the scheduled one");
    // Its try under way, the delivery is still in the round whose first try failed: sending, due
    // now (as api.md says), not pending as a new round would be.
    MessageEndpointOut during = destinations(app, sent.getId()).getData().get(0);
    assertEquals(MessageStatus.SENDING, during.getStatus());
    assertTrue(during.getNextAttempt().isBefore(scheduled), "brought forward");
    second.release();
    ListResponseMessageAttemptOut attempts =
        Eventually.await(
            "the resent try recorded",
            WAIT,
            () -> listByMsg(app, sent.getId(), null),
            list -> list.getData().size() == 2);
    assertEquals(MessageAttemptTriggerType.MANUAL, attempts.getData().get(0).getTriggerType());
    assertEquals(MessageStatus.SUCCESS, attempts.getData().get(0).getStatus());
  }

  @Test
  void attemptListsFilterByTheMessagesChannelTagAndTypeAndByTime() throws Exception {
    ApplicationOut app = app("attempt-filters");
    String endpoint = createEndpoint(app.getId(), "/svixmsg-attempt-filters");
    MessageOut a =
        svix()
            .getMessage()
            .create(
                app.getId(),
                message("user.created", "{\"u\":1}").channels(Set.of("eu")).tags(Set.of("vip")));
    MessageOut b =
        svix()
            .getMessage()
            .create(app.getId(), message("user.deleted", "{\"u\":2}").channels(Set.of("us")));
    MessageOut c =
        svix()
            .getMessage()
            .create(app.getId(), message("invoice.paid", "{\"u\":3}").tags(Set.of("vip", "x_y")));
    ListResponseMessageAttemptOut all =
        Eventually.await(
            "three delivered attempts",
            WAIT,
            () -> byEndpoint(app, endpoint, new MessageAttemptListByEndpointOptions()),
            list -> list.getData().size() == 3);
    Map<String, String> attemptOf =
        all.getData().stream()
            .collect(Collectors.toMap(MessageAttemptOut::getMsgId, MessageAttemptOut::getId));

    MessageAttemptListByEndpointOptions eu = new MessageAttemptListByEndpointOptions();
    eu.setChannel("eu");
    assertEquals(List.of(attemptOf.get(a.getId())), attemptIds(byEndpoint(app, endpoint, eu)));
    MessageAttemptListByEndpointOptions e = new MessageAttemptListByEndpointOptions();
    e.setChannel("e");
    assertEquals(List.of(), attemptIds(byEndpoint(app, endpoint, e)), "a whole channel name");
    MessageAttemptListByEndpointOptions vip = new MessageAttemptListByEndpointOptions();
    vip.setTag("vip");
    assertEquals(
        Set.of(attemptOf.get(a.getId()), attemptOf.get(c.getId())),
        Set.copyOf(attemptIds(byEndpoint(app, endpoint, vip))));
    MessageAttemptListByEndpointOptions xay = new MessageAttemptListByEndpointOptions();
    xay.setTag("xay");
    assertEquals(List.of(), attemptIds(byEndpoint(app, endpoint, xay)), "_ is not a wildcard");
    MessageAttemptListByEndpointOptions userEvents = new MessageAttemptListByEndpointOptions();
    userEvents.setEventTypes(Set.of("user.created", "user.deleted"));
    userEvents.setChannel("us");
    assertEquals(
        List.of(attemptOf.get(b.getId())), attemptIds(byEndpoint(app, endpoint, userEvents)));

    MessageAttemptListByMsgOptions inEu = new MessageAttemptListByMsgOptions();
    inEu.setChannel("eu");
    assertEquals(List.of(attemptOf.get(a.getId())), attemptIds(listByMsg(app, a.getId(), inEu)));
    MessageAttemptListByMsgOptions inUs = new MessageAttemptListByMsgOptions();
    inUs.setChannel("us");
    assertEquals(List.of(), attemptIds(listByMsg(app, a.getId(), inUs)));
    MessageAttemptListByMsgOptions taggedVip = new MessageAttemptListByMsgOptions();
    taggedVip.setTag("vip");
    taggedVip.setEventTypes(Set.of("invoice.paid"));
    assertEquals(
        List.of(attemptOf.get(c.getId())), attemptIds(listByMsg(app, c.getId(), taggedVip)));
    assertEquals(List.of(), attemptIds(listByMsg(app, b.getId(), taggedVip)));

    MessageAttemptOut ofA =
        svix().getMessageAttempt().get(app.getId(), a.getId(), attemptOf.get(a.getId()));
    MessageAttemptListByMsgOptions before = new MessageAttemptListByMsgOptions();
    before.setBefore(ofA.getTimestamp());
    assertEquals(List.of(), attemptIds(listByMsg(app, a.getId(), before)));
    before.setBefore(ofA.getTimestamp().plusNanos(1000));
    assertEquals(List.of(ofA.getId()), attemptIds(listByMsg(app, a.getId(), before)));
    MessageAttemptListByMsgOptions after = new MessageAttemptListByMsgOptions();
    after.setAfter(ofA.getTimestamp());
    assertEquals(List.of(), attemptIds(listByMsg(app, a.getId(), after)));
    after.setAfter(ofA.getTimestamp().minusNanos(1000));
    assertEquals(List.of(ofA.getId()), attemptIds(listByMsg(app, a.getId(), after)));

    MessageAttemptListByEndpointOptions withMsg = new MessageAttemptListByEndpointOptions();
    withMsg.setWithMsg(true);
    withMsg.setExpandedStatuses(false);
    for (MessageAttemptOut attempt : byEndpoint(app, endpoint, withMsg).getData()) {
      assertNotNull(attempt.getMsg(), "with_msg");
      assertEquals(attempt.getMsgId(), attempt.getMsg().getId());
      assertEquals(Map.of(), attempt.getMsg().getPayload(), "never the payload");
    }
    assertEquals(
        "user.created",
        byEndpoint(app, endpoint, withMsg).getData().stream()
            .filter(attempt -> attempt.getMsgId().equals(a.getId()))
            .findFirst()
            .orElseThrow()
            .getMsg()
            .getEventType());
    all.getData().forEach(attempt -> assertNull(attempt.getMsg(), "only with with_msg"));

    MessageAttemptListByEndpointOptions badChannel = new MessageAttemptListByEndpointOptions();
    badChannel.setChannel("no spaces");
    assertEquals(
        422,
        assertThrows(ApiException.class, () -> byEndpointOrThrow(app, endpoint, badChannel))
            .getCode());
  }

  @Test
  void aFilteredEndpointListReadsABoundedStretchOfAttemptsAPageYetItsWalkFindsEveryMatch()
      throws Exception {
    ApplicationOut app = app("bounded-read");
    String endpoint = createEndpoint(app.getId(), "/svixmsg-bounded-read");
    MessageOut rare =
        svix().getMessage().create(app.getId(), message("bounded.test", "{}").tags(Set.of("rare")));
    MessageOut common = svix().getMessage().create(app.getId(), message("bounded.test", "{}"));
    ListResponseMessageAttemptOut both =
        Eventually.await(
            "both delivered",
            WAIT,
            () -> byEndpoint(app, endpoint, new MessageAttemptListByEndpointOptions()),
            list -> list.getData().size() == 2);
    String rareAttempt =
        both.getData().stream()
            .filter(attempt -> attempt.getMsgId().equals(rare.getId()))
            .findFirst()
            .orElseThrow()
            .getId();
    // A long history after it: as many attempts of the other message as a filtered page reads
    // (Attempts.FILTERED_READ), written straight into the table.
    String delivery =
        Sql.strings(
                TestStack.microDatabase(),
                "select id from delivery where message_id = ?",
                common.getId())
            .get(0);
    assertEquals(
        10_000,
        Sql.update(
            TestStack.microDatabase(),
            "insert into delivery_attempt (delivery_id, message_id, endpoint_id, attempt, status,"
                + " response_status, duration_ms, created_at) select ?, ?, ?, 1, 'SUCCEEDED', 200,"
                + " 1, now() from generate_series(1, 10000)",
            delivery,
            common.getId(),
            endpoint));

    // Newest first, the first page reads those 10,000 and stops: none has the tag, so the page is
    // empty but not done, and its iterator goes on from where the read stopped.
    MessageAttemptListByEndpointOptions tagged = new MessageAttemptListByEndpointOptions();
    tagged.setTag("rare");
    ListResponseMessageAttemptOut first = byEndpoint(app, endpoint, tagged);
    assertEquals(List.of(), attemptIds(first));
    assertFalse(first.getDone(), "the read was cut short, the list goes on");
    assertNotNull(first.getIterator());
    tagged.setIterator(first.getIterator());
    ListResponseMessageAttemptOut second = byEndpoint(app, endpoint, tagged);
    assertEquals(List.of(rareAttempt), attemptIds(second));
    assertTrue(second.getDone());
    // A list without a filter reads one page's worth, as before.
    MessageAttemptListByEndpointOptions plain = new MessageAttemptListByEndpointOptions();
    plain.setLimit(3L);
    ListResponseMessageAttemptOut newest = byEndpoint(app, endpoint, plain);
    assertEquals(3, newest.getData().size());
    assertFalse(newest.getDone());
    // A message's list is not bounded: its filters read the message's attempts alone.
    MessageAttemptListByMsgOptions rareOnly = new MessageAttemptListByMsgOptions();
    rareOnly.setTag("rare");
    assertEquals(List.of(rareAttempt), attemptIds(listByMsg(app, rare.getId(), rareOnly)));
  }

  private static ListResponseMessageAttemptOut byEndpoint(
      ApplicationOut app, String endpoint, MessageAttemptListByEndpointOptions options) {
    try {
      return byEndpointOrThrow(app, endpoint, options);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static ListResponseMessageAttemptOut byEndpointOrThrow(
      ApplicationOut app, String endpoint, MessageAttemptListByEndpointOptions options)
      throws Exception {
    return svix().getMessageAttempt().listByEndpoint(app.getId(), endpoint, options);
  }

  private static ListResponseMessageAttemptOut listByMsg(
      ApplicationOut app, String msg, MessageAttemptListByMsgOptions options) {
    try {
      return svix()
          .getMessageAttempt()
          .listByMsg(
              app.getId(), msg, options == null ? new MessageAttemptListByMsgOptions() : options);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aMessageWithChannelsGoesOnlyToEndpointsWithOneOfThemOrWithNone() throws Exception {
    ApplicationOut app = app("channels");
    com.svix.models.EndpointOut eu =
        svix()
            .getEndpoint()
            .create(
                app.getId(),
                new com.svix.models.EndpointIn()
                    .url(java.net.URI.create(receiver.url("/svixmsg-channel-eu")))
                    .channels(Set.of("eu")));
    com.svix.models.EndpointOut every =
        svix()
            .getEndpoint()
            .create(
                app.getId(),
                new com.svix.models.EndpointIn()
                    .url(java.net.URI.create(receiver.url("/svixmsg-channel-all"))));

    MessageOut us =
        svix().getMessage().create(app.getId(), message("a.b", "{\"n\":1}").channels(Set.of("us")));
    MessageOut euAndUs =
        svix()
            .getMessage()
            .create(app.getId(), message("a.b", "{\"n\":2}").channels(Set.of("us", "eu")));
    MessageOut none = svix().getMessage().create(app.getId(), message("a.b", "{\"n\":3}"));

    // Deliveries are made with the message, in its transaction: its destinations are final.
    assertEquals(Set.of(every.getId()), destinationIds(app, us.getId()));
    assertEquals(Set.of(every.getId(), eu.getId()), destinationIds(app, euAndUs.getId()));
    assertEquals(Set.of(every.getId()), destinationIds(app, none.getId()));
    List<String> toAll =
        receiver.await("/svixmsg-channel-all", 3, WAIT).stream()
            .map(r -> r.headers().get("svix-id"))
            .toList();
    assertEquals(Set.of(us.getId(), euAndUs.getId(), none.getId()), new HashSet<>(toAll));
    assertEquals(
        List.of(euAndUs.getId()),
        receiver.await("/svixmsg-channel-eu", 1, WAIT).stream()
            .map(r -> r.headers().get("svix-id"))
            .toList());
  }

  private static Set<String> destinationIds(ApplicationOut app, String msg) {
    return destinations(app, msg).getData().stream()
        .map(MessageEndpointOut::getId)
        .collect(Collectors.toSet());
  }

  private static ListResponseMessageEndpointOut destinations(ApplicationOut app, String msg) {
    try {
      return svix()
          .getMessageAttempt()
          .listAttemptedDestinations(
              app.getUid(), msg, new MessageAttemptListAttemptedDestinationsOptions());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> attemptIds(ListResponseMessageAttemptOut list) {
    return list.getData().stream().map(MessageAttemptOut::getId).toList();
  }
}
