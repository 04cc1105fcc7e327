package io.hookline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Hookline's own lists (dead letters, inbound sources, a source's events, the ingest audit log, app
 * tokens, queues) answer in Svix's list shape and page as Svix's lists do: limit, iterator and
 * order. A walk over a list that grows meanwhile neither skips nor repeats an item: newest first,
 * what arrives during the walk comes before its first page and is not in it; oldest first, it comes
 * at the end and is.
 */
class HooklineListsIT extends MicroTest {

  @Test
  void deadLettersPageBothWaysWhileTheListGrows() {
    String app = createApp("dead-letter pages");
    for (int i = 0; i < 5; i++) {
      growIf(true, app);
    }
    String list = "/api/v1/app/" + app + "/dead-letter";

    List<String> atStart = dead(app);
    List<String> newestFirst =
        keys(SvixPages.walk(api, list, 2, page -> growIf(page <= 2, app)), "deliveryId");
    assertEquals(sorted(atStart, Comparator.reverseOrder()), newestFirst);

    List<String> oldestFirst =
        keys(
            SvixPages.walk(api, list + "?order=ascending", 2, page -> growIf(page <= 2, app)),
            "deliveryId");
    assertEquals(9, dead(app).size(), "two dead letters came during each walk");
    assertEquals(sorted(dead(app), Comparator.naturalOrder()), oldestFirst);
  }

  @Test
  void aSourcesEventsAndItsAuditRowsPageBothWaysWhileTheyGrow() {
    String secret = "bearer-" + UUID.randomUUID();
    String source =
        api.create(
                "/api/v1/source",
                Json.createObjectBuilder()
                    .add("name", "paged")
                    .add("type", "generic")
                    .add("secret", secret)
                    .build())
            .getString("id");
    Map<String, String> bearer = Map.of("Authorization", "Bearer " + secret);
    Runnable ingestOne =
        () -> {
          String body =
              "{\"event_id\":\""
                  + UUID.randomUUID()
                  + "\",\"event_type\":\"page.in\",\"occurred_at\":\"2026-11-23T10:00:00Z\","
                  + "\"payload\":{}}";
          assertEquals(
              202,
              api.send("POST", "/ingest/" + source, body, "application/json", null, bearer)
                  .status());
        };
    for (int i = 0; i < 5; i++) {
      ingestOne.run();
    }
    String events = "/api/v1/source/" + source + "/event";
    String eventIds = "select id from inbound_event where source_id = ?";
    List<String> atStart = Sql.strings(TestStack.microDatabase(), eventIds, source);
    List<String> newestFirst = keys(SvixPages.walk(api, events, 2, whileFirstTwo(ingestOne)), "id");
    assertEquals(sorted(atStart, Comparator.reverseOrder()), newestFirst);
    List<String> oldestFirst =
        keys(SvixPages.walk(api, events + "?order=ascending", 2, whileFirstTwo(ingestOne)), "id");
    List<String> atEnd = Sql.strings(TestStack.microDatabase(), eventIds, source);
    assertEquals(9, atEnd.size());
    assertEquals(sorted(atEnd, Comparator.naturalOrder()), oldestFirst);

    // The audit log: numeric ids, the newest first.
    String audit = "/api/v1/audit?source=" + source;
    String auditIds = "select id::text from ingest_audit where source_id = ?";
    Comparator<String> byNumber = Comparator.comparingLong(Long::parseLong);
    List<String> rowsAtStart = Sql.strings(TestStack.microDatabase(), auditIds, source);
    assertEquals(
        sorted(rowsAtStart, byNumber.reversed()),
        keys(SvixPages.walk(api, audit, 2, whileFirstTwo(ingestOne)), "id"));
    List<String> rowsOldestFirst =
        keys(SvixPages.walk(api, audit + "&order=ascending", 2, whileFirstTwo(ingestOne)), "id");
    assertEquals(
        sorted(Sql.strings(TestStack.microDatabase(), auditIds, source), byNumber),
        rowsOldestFirst);
    assertEquals(13, rowsOldestFirst.size());
  }

  @Test
  void sourcesTokensAndQueuesPageInSvixShape() {
    String app = createApp("token pages");
    int[] during = {0};
    Runnable issue =
        () -> api.create("/api/v1/app/" + app + "/token", JsonObject.EMPTY_JSON_OBJECT);
    for (int i = 0; i < 4; i++) {
      issue.run();
    }
    List<String> tokens =
        keys(
            SvixPages.walk(
                api,
                "/api/v1/app/" + app + "/token",
                2,
                whileFirstTwo(
                    () -> {
                      issue.run();
                      during[0]++;
                    })),
            "id");
    List<String> issued =
        Sql.strings(TestStack.microDatabase(), "select id from api_token where app_id = ?", app);
    assertEquals(2, during[0], "two issued during the walk");
    assertEquals(6, issued.size());
    assertEquals(sorted(issued, Comparator.naturalOrder()), tokens, "oldest first, all of them");

    List<String> made = new ArrayList<>();
    Runnable makeSource =
        () ->
            made.add(
                api.create(
                        "/api/v1/source",
                        Json.createObjectBuilder()
                            .add("name", "listed")
                            .add("type", "generic")
                            .add("secret", "s-" + UUID.randomUUID())
                            .build())
                    .getString("id"));
    makeSource.run();
    List<String> sources =
        keys(SvixPages.walk(api, "/api/v1/source", 2, whileFirstTwo(makeSource)), "id");
    assertEquals(sources.size(), new HashSet<>(sources).size(), "repeated: " + sources);
    assertEquals(sorted(sources, Comparator.naturalOrder()), sources, "oldest first");
    assertTrue(sources.containsAll(made), "made during the walk, at its end: " + made);

    List<String> queues = keys(SvixPages.walk(api, "/api/v1/queue", 1, page -> {}), "name");
    assertTrue(queues.contains("hookline.deliveries"), queues.toString());
    assertEquals(sorted(queues, Comparator.naturalOrder()), queues);
    assertEquals(
        sorted(queues, Comparator.reverseOrder()),
        keys(SvixPages.walk(api, "/api/v1/queue?order=descending", 1, page -> {}), "name"));
  }

  @Test
  void badPagingParametersAre422sNamingTheParameter() {
    String app = createApp("bad pages");
    String source =
        api.create(
                "/api/v1/source",
                Json.createObjectBuilder()
                    .add("name", "bad pages")
                    .add("type", "generic")
                    .add("secret", "s-" + UUID.randomUUID())
                    .build())
            .getString("id");
    for (String list :
        List.of(
            "/api/v1/app/" + app + "/dead-letter",
            "/api/v1/app/" + app + "/token",
            "/api/v1/source",
            "/api/v1/source/" + source + "/event",
            "/api/v1/audit",
            "/api/v1/queue")) {
      for (String[] bad :
          new String[][] {
            {"limit", "0"},
            {"limit", "251"},
            {"limit", "many"},
            {"iterator", "eGFiYw"},
            {"iterator", "x'%20or%201%3D1--"},
            {"order", "sideways"}
          }) {
        String url = list + "?" + bad[0] + "=" + bad[1];
        Api.Response refused = api.get(url);
        assertEquals(422, refused.status(), url + ": " + refused.body());
        assertEquals(bad[0], refused.json().getString("field"), url + ": " + refused.body());
      }
    }
    // An audit row's id is a number: an iterator of another list is refused, not a 500.
    String eventIterator =
        java.util.Base64.getUrlEncoder().withoutPadding().encodeToString("nevt_01".getBytes());
    Api.Response refused = api.get("/api/v1/audit?iterator=" + eventIterator);
    assertEquals(422, refused.status(), refused.body());
    assertEquals("iterator", refused.json().getString("field"));
  }

  /** The app's dead delivery ids, as the database has them. */
  private static List<String> dead(String app) {
    return Sql.strings(
        TestStack.microDatabase(),
        "select d.id from delivery d join message m on m.id = d.message_id"
            + " where m.app_id = ? and d.status = 'DEAD'",
        app);
  }

  /**
   * When {@code grow}: one more dead letter in the app, waited for. Its endpoint, of its own,
   * answers 410 Gone, so the delivery dies at its first try (a run of failures to one endpoint
   * would open its breaker and hold the rest back).
   */
  private static void growIf(boolean grow, String app) {
    if (grow) {
      String name = "dl.gone" + dead(app).size();
      String path = "/" + app + "/" + name;
      receiver.scriptRepeated(path, 1, 410);
      api.create(
          "/api/v1/app/" + app + "/endpoint",
          Json.createObjectBuilder()
              .add("url", receiver.url(path))
              .add("eventTypes", Json.createArrayBuilder().add(name))
              .build());
      awaitDeliveryStatus(sendMessage(app, name), "DEAD");
    }
  }

  /** After the walk's first and second pages: {@code grow}. */
  private static java.util.function.IntConsumer whileFirstTwo(Runnable grow) {
    return page -> {
      if (page <= 2) {
        grow.run();
      }
    };
  }

  private static List<String> keys(List<JsonObject> items, String member) {
    List<String> keys = items.stream().map(item -> item.getString(member)).toList();
    assertEquals(keys.size(), new HashSet<>(keys).size(), "repeated: " + keys);
    return keys;
  }

  private static List<String> sorted(List<String> keys, Comparator<String> order) {
    return keys.stream().sorted(order).toList();
  }
}
