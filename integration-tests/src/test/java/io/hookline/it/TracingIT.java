package io.hookline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * One trace from the request that accepted an event, over the JMS hop, to every try at delivering
 * it, retries included; received over OTLP by the tests' own receiver (TestStack.traces()).
 */
class TracingIT extends MicroTest {

  private static List<OtlpReceiver.Span> named(String name, String attribute, String value) {
    return TestStack.traces().spans().stream()
        .filter(s -> s.name().equals(name) && value.equals(s.attributes().get(attribute)))
        .toList();
  }

  /**
   * The span with this id, waited for: a parent ends after its children, so it can reach the
   * receiver in a later export batch than they did.
   */
  private static OtlpReceiver.Span byId(String spanId) {
    return Eventually.await(
            "span " + spanId + " exported",
            WAIT,
            () ->
                TestStack.traces().spans().stream()
                    .filter(s -> s.spanId().equals(spanId))
                    .findFirst(),
            java.util.Optional::isPresent)
        .orElseThrow();
  }

  /** The span's ancestors, nearest first, as far as they were exported. */
  private static List<OtlpReceiver.Span> ancestors(OtlpReceiver.Span span) {
    List<OtlpReceiver.Span> chain = new java.util.ArrayList<>();
    Map<String, OtlpReceiver.Span> all = new java.util.HashMap<>();
    TestStack.traces().spans().forEach(s -> all.put(s.spanId(), s));
    OtlpReceiver.Span at = all.get(span.parentSpanId());
    while (at != null) {
      chain.add(at);
      at = all.get(at.parentSpanId());
    }
    return chain;
  }

  @Test
  void anAcceptedMessageAndEveryTryAtItAreOneTrace() {
    String app = createApp("tracing");
    receiver.script("/traced", 500);
    api.create(
        "/api/v1/app/" + app + "/endpoint",
        Json.createObjectBuilder().add("url", receiver.url("/traced")).build());
    String messageId = sendMessage(app, "trace.test");
    awaitDeliveryStatus(messageId, "DELIVERED");

    List<OtlpReceiver.Span> tries =
        Eventually.await(
            "both tries exported",
            WAIT,
            () -> named("webhook POST", "hookline.message_id", messageId),
            spans -> spans.size() == 2);
    String trace = tries.get(0).traceId();
    assertTrue(tries.stream().allMatch(t -> t.traceId().equals(trace)), tries.toString());
    assertTrue(tries.stream().allMatch(t -> t.kind().equals("SPAN_KIND_CLIENT")));
    assertEquals(
        List.of("200", "500"),
        tries.stream().map(t -> t.attributes().get("http.response.status_code")).sorted().toList());

    // Each try runs in a JMS consumer span; the retry's consumer descends from the first try's
    // (its message was sent from there), and the first from the API request that accepted it.
    List<OtlpReceiver.Span> consumers =
        tries.stream()
            .map(t -> byId(t.parentSpanId()))
            .sorted(Comparator.comparing(c -> c.attributes().get("hookline.attempt")))
            .toList();
    assertTrue(
        consumers.stream().allMatch(c -> c.name().equals("hookline.deliveries process")),
        consumers.toString());
    Eventually.await(
        "the accepting request's span exported",
        WAIT,
        () -> ancestors(consumers.get(0)),
        chain -> chain.stream().anyMatch(s -> s.kind().equals("SPAN_KIND_SERVER")));
    OtlpReceiver.Span request =
        ancestors(consumers.get(0)).stream()
            .filter(s -> s.kind().equals("SPAN_KIND_SERVER"))
            .findFirst()
            .orElseThrow();
    assertTrue(request.name().startsWith("POST"), request.toString());
    assertEquals(trace, request.traceId());
    assertTrue(
        ancestors(consumers.get(1)).contains(consumers.get(0)),
        "the retry continues the first try's trace: " + ancestors(consumers.get(1)));
  }

  @Test
  void anIngestedEventAndItsForwardedDeliveryAreOneTraceUnderTheProvidersContext() {
    String app = createApp("tracing-in");
    api.create(
        "/api/v1/app/" + app + "/endpoint",
        Json.createObjectBuilder().add("url", receiver.url("/traced-in")).build());
    String source =
        api.create(
                "/api/v1/source",
                Json.createObjectBuilder()
                    .add("name", "traced")
                    .add("type", "generic")
                    .add("unauthenticated", true)
                    .add("mode", "forward")
                    .add("forward", Json.createObjectBuilder().add("app", app))
                    .build())
            .getString("id");
    // The provider's own trace context: Hookline's spans join it.
    String providerTrace = UUID.randomUUID().toString().replace("-", "");
    Api.Response accepted =
        api.send(
            "POST",
            "/ingest/" + source,
            "{\"event_id\":\"t-1\",\"event_type\":\"t.x\",\"occurred_at\":\"2026-11-23T10:00:00Z\",\"payload\":{}}",
            "application/json",
            null,
            Map.of("traceparent", "00-" + providerTrace + "-00f067aa0ba902b7-01"));
    assertEquals(202, accepted.status(), accepted.body());
    receiver.await("/traced-in", 1, WAIT);

    OtlpReceiver.Span ingest =
        Eventually.await(
                "the ingest span",
                WAIT,
                () -> named("POST /ingest/{source}", "hookline.source_id", source),
                spans -> spans.size() == 1)
            .get(0);
    assertEquals(providerTrace, ingest.traceId());
    assertEquals("00f067aa0ba902b7", ingest.parentSpanId());
    Optional<OtlpReceiver.Span> delivered =
        Eventually.await(
            "the forwarded delivery's try in the same trace",
            WAIT,
            () ->
                TestStack.traces().spans().stream()
                    .filter(
                        s -> s.name().equals("webhook POST") && s.traceId().equals(providerTrace))
                    .findFirst(),
            Optional::isPresent);
    // The try's span ends, and is exported, before the spans around it: its parents come in a
    // later export batch.
    List<OtlpReceiver.Span> chain =
        Eventually.await(
            "the try's ancestors up to the ingest span",
            WAIT,
            () -> ancestors(delivered.get()),
            spans -> spans.contains(ingest));
    assertTrue(chain.contains(ingest), chain.toString());
  }

  @Test
  void singleSendsCommittedTogetherShareADeliveryMessageAndEachTryStaysInItsRequestsTrace()
      throws Exception {
    // Concurrent single sends to one app are committed in one group; their deliveries to its
    // endpoint then share a JMS message even though each came from a request of its own.
    String app = createApp("tracing-together");
    createEndpoint(app, "/traced-together");
    Map<String, String> traceOf = new ConcurrentHashMap<>();
    ExecutorService senders = Executors.newFixedThreadPool(32);
    try {
      for (int burst = 0; burst < 5 && sharedMessages(traceOf).isEmpty(); burst++) {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> sent = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
          sent.add(
              senders.submit(
                  () -> {
                    go.await();
                    String trace = UUID.randomUUID().toString().replace("-", "");
                    Api.Response accepted =
                        api.sendWithHeader(
                            "POST",
                            "/api/v1/app/" + app + "/msg",
                            "{\"eventType\":\"t.together\",\"payload\":{}}",
                            "traceparent",
                            "00-" + trace + "-00f067aa0ba902b7-01");
                    assertEquals(202, accepted.status(), accepted.body());
                    traceOf.put(accepted.json().getString("id"), trace);
                    return null;
                  }));
        }
        go.countDown();
        for (Future<?> each : sent) {
          each.get(1, TimeUnit.MINUTES);
        }
        receiver.await("/traced-together", traceOf.size(), WAIT);
        Eventually.await(
            "every try exported",
            WAIT,
            () -> tries(traceOf.keySet()),
            tries -> tries.size() == traceOf.size());
      }
    } finally {
      senders.shutdownNow();
    }
    List<OtlpReceiver.Span> shared =
        Eventually.await(
            "a delivery message holding the tries of several requests",
            WAIT,
            () -> sharedMessages(traceOf),
            spans -> !spans.isEmpty());
    assertTrue(
        shared.stream()
            .allMatch(s -> Integer.parseInt(s.attributes().get("hookline.batch_size")) > 1),
        shared.toString());

    List<OtlpReceiver.Span> linkedParents = new ArrayList<>();
    for (OtlpReceiver.Span tried : tries(traceOf.keySet())) {
      String messageId = tried.attributes().get("hookline.message_id");
      assertEquals(traceOf.get(messageId), tried.traceId(), "the try at " + messageId);
      List<OtlpReceiver.Span> chain =
          Eventually.await(
              "the try at " + messageId + " under its request's span",
              WAIT,
              () -> ancestors(tried),
              spans -> spans.stream().anyMatch(s -> s.kind().equals("SPAN_KIND_SERVER")));
      OtlpReceiver.Span parent = chain.get(0);
      assertEquals("hookline.deliveries process", parent.name(), "the try's parent: " + chain);
      if (!parent.linkedSpanIds().isEmpty()) {
        linkedParents.add(parent);
      }
    }
    // A try in a shared message runs in a span of its own trace, linked to the message's span.
    assertTrue(!linkedParents.isEmpty(), "no try ran in a span linked to a shared message");
    Eventually.await(
        "every linked span is a shared message's",
        WAIT,
        () -> sharedMessages(traceOf).stream().map(OtlpReceiver.Span::spanId).toList(),
        messageSpans ->
            linkedParents.stream().allMatch(p -> messageSpans.containsAll(p.linkedSpanIds())));
  }

  /** The exported tries at these messages. */
  private static List<OtlpReceiver.Span> tries(java.util.Set<String> messageIds) {
    return TestStack.traces().spans().stream()
        .filter(
            s ->
                s.name().equals("webhook POST")
                    && messageIds.contains(s.attributes().get("hookline.message_id")))
        .toList();
  }

  /** Spans of delivery messages naming several deliveries, in the traces of these sends. */
  private static List<OtlpReceiver.Span> sharedMessages(Map<String, String> traceOf) {
    java.util.Collection<String> traces = traceOf.values();
    return TestStack.traces().spans().stream()
        .filter(
            s ->
                s.name().equals("hookline.deliveries process")
                    && s.attributes().containsKey("hookline.batch_size")
                    && traces.contains(s.traceId()))
        .toList();
  }
}
