package io.hookline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.svix.Svix;
import com.svix.SvixOptions;
import com.svix.api.EventTypeDeleteOptions;
import com.svix.api.EventTypeListOptions;
import com.svix.exceptions.ApiException;
import com.svix.models.EventTypeIn;
import com.svix.models.EventTypeOut;
import com.svix.models.EventTypePatch;
import com.svix.models.EventTypeUpdate;
import com.svix.models.ListResponseEventTypeOut;
import com.svix.models.Ordering;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The event-type catalogue driven by Svix's official Java SDK (com.svix:svix), pointed at the Micro
 * stack with only its server URL and Hookline's token changed.
 */
class SvixEventTypeIT extends MicroTest {
  /** Names of this run, so other runs' event types in the shared database are told apart. */
  static final String RUN = "svixit-" + Long.toHexString(System.nanoTime()) + ".";

  static final Map<String, Object> SCHEMA =
      Map.of(
          "1",
          Map.of(
              "type",
              "object",
              "title",
              "Invoice paid",
              "properties",
              Map.of("invoiceId", Map.of("type", "string")),
              "required",
              List.of("invoiceId")));

  static Svix svix(String token) {
    SvixOptions options = new SvixOptions();
    options.setServerUrl(TestStack.micro().settings().baseUrl());
    return new Svix(token, options);
  }

  static Svix admin() {
    return svix(TestStack.ADMIN_TOKEN);
  }

  static final Set<String> made = new TreeSet<>();

  static EventTypeOut create(String name) throws Exception {
    EventTypeOut out =
        admin().getEventType().create(new EventTypeIn().name(name).description("d " + name));
    made.add(name);
    return out;
  }

  @AfterAll
  static void expunge() throws Exception {
    EventTypeDeleteOptions expunge = new EventTypeDeleteOptions();
    expunge.setExpunge(true);
    for (String name : made) {
      try {
        admin().getEventType().delete(name, expunge);
      } catch (ApiException e) {
        // Already expunged by a test.
      }
    }
  }

  @Test
  void healthAnswersWithoutAValidToken() throws Exception {
    // Svix 1.99.1 has no getHealth(): its Health class is built on the SDK's own client.
    new com.svix.api.Health(svix("not-a-token").getHttpClient()).get();
  }

  @Test
  void createGetUpdatePatchAndArchiveThroughTheSdk() throws Exception {
    String name = RUN + "invoice.paid";
    EventTypeOut created =
        admin()
            .getEventType()
            .create(
                new EventTypeIn()
                    .name(name)
                    .description("An invoice was paid")
                    .schemas(SCHEMA)
                    .groupName("invoice")
                    .featureFlags(Set.of("beta")));
    made.add(name);
    assertEquals(name, created.getName());
    assertEquals("An invoice was paid", created.getDescription());
    assertEquals(false, created.getArchived());
    assertEquals(false, created.getDeprecated());
    assertEquals(Set.of("beta"), created.getFeatureFlags());
    assertEquals("invoice", created.getGroupName());
    assertEquals(SCHEMA, created.getSchemas());
    assertNotNull(created.getCreatedAt());
    assertEquals(created.getCreatedAt(), created.getUpdatedAt());

    EventTypeOut got = admin().getEventType().get(name);
    assertEquals(created.getSchemas(), got.getSchemas());
    assertEquals(created.getCreatedAt(), got.getCreatedAt());

    EventTypeOut updated =
        admin()
            .getEventType()
            .update(name, new EventTypeUpdate().description("Paid").deprecated(true));
    assertEquals("Paid", updated.getDescription());
    assertEquals(true, updated.getDeprecated());
    assertNull(updated.getSchemas(), "a full update replaces the schemas too");
    assertNull(updated.getGroupName());
    assertTrue(updated.getUpdatedAt().isAfter(created.getUpdatedAt()));

    EventTypeOut patched =
        admin()
            .getEventType()
            .patch(name, new EventTypePatch().schemas(SCHEMA).groupName("billing"));
    assertEquals("Paid", patched.getDescription(), "a patch keeps what it does not name");
    assertEquals(true, patched.getDeprecated());
    assertEquals(SCHEMA, patched.getSchemas());
    assertEquals("billing", patched.getGroupName());

    admin().getEventType().delete(name);
    EventTypeOut archived = admin().getEventType().get(name);
    assertEquals(true, archived.getArchived(), "deleting archives");
    assertFalse(names(all(false)).contains(name), "archived ones are not listed by default");
    assertTrue(names(all(true)).contains(name), "but are with include_archived");

    EventTypeOut again =
        admin().getEventType().create(new EventTypeIn().name(name).description("Back"));
    assertEquals(false, again.getArchived(), "creating an archived name unarchives it");
    assertEquals("Back", again.getDescription());
  }

  @Test
  void updateCreatesWhatIsMissing() throws Exception {
    String name = RUN + "made.by.put";
    EventTypeOut out =
        admin().getEventType().update(name, new EventTypeUpdate().description("by PUT"));
    made.add(name);
    assertEquals("by PUT", out.getDescription());
    EventTypeOut replaced =
        admin().getEventType().update(name, new EventTypeUpdate().description("again"));
    assertEquals("again", replaced.getDescription());
    assertEquals(out.getCreatedAt(), replaced.getCreatedAt(), "the same event type, replaced");
  }

  @Test
  void aDuplicateNameIsTheSdksApiExceptionWith409() throws Exception {
    String name = RUN + "dup";
    create(name);
    ApiException e =
        assertThrows(
            ApiException.class,
            () -> admin().getEventType().create(new EventTypeIn().name(name).description("x")));
    assertEquals(409, e.getCode());
    JsonObject body = json(e.getResponseBody());
    assertEquals("conflict", body.getString("code"));
    assertEquals(409, body.getInt("status"));
    assertTrue(body.getString("detail").contains(name), body.toString());
  }

  @Test
  void anInvalidSchemaIsTheSdksApiExceptionWith422AndSvixsDetail() {
    String name = RUN + "bad.schema";
    ApiException e =
        assertThrows(
            ApiException.class,
            () ->
                admin()
                    .getEventType()
                    .create(
                        new EventTypeIn()
                            .name(name)
                            .description("x")
                            .schemas(
                                Map.of(
                                    "1",
                                    Map.of(
                                        "type",
                                        "object",
                                        "properties",
                                        Map.of("id", Map.of("type", "strnig")))))));
    assertEquals(422, e.getCode());
    JsonObject body = json(e.getResponseBody());
    assertEquals("validation", body.getString("code"));
    JsonObject item = body.getJsonArray("detail").getJsonObject(0);
    assertEquals(
        Json.createArrayBuilder()
            .add("body")
            .add("schemas")
            .add("1")
            .add("properties")
            .add("id")
            .add("type")
            .build(),
        item.getJsonArray("loc"));
    assertEquals("value_error", item.getString("type"));
    assertTrue(item.getString("msg").contains("must be one of"), item.toString());

    ApiException missing =
        assertThrows(
            ApiException.class,
            () -> admin().getEventType().create(new EventTypeIn().name(RUN + "no.description")));
    assertEquals(422, missing.getCode());
    assertEquals(
        Json.createArrayBuilder().add("body").add("description").build(),
        json(missing.getResponseBody())
            .getJsonArray("detail")
            .getJsonObject(0)
            .getJsonArray("loc"));
  }

  @Test
  void aLimitOutOfRangeIs422NamingTheQuery() {
    for (long limit : new long[] {0, 251}) {
      EventTypeListOptions options = new EventTypeListOptions();
      options.setLimit(limit);
      ApiException e = assertThrows(ApiException.class, () -> admin().getEventType().list(options));
      assertEquals(422, e.getCode());
      assertEquals(
          Json.createArrayBuilder().add("query").add("limit").build(),
          json(e.getResponseBody()).getJsonArray("detail").getJsonObject(0).getJsonArray("loc"));
    }
  }

  @Test
  void pagingWithLimitTwoNeitherSkipsNorRepeatsWhileTheCatalogueGrows() throws Exception {
    String prefix = RUN + "page.";
    List<String> there = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      String name = prefix + "m" + i;
      create(name);
      there.add(name);
    }
    for (Ordering order : Ordering.values()) {
      List<String> seen = new ArrayList<>();
      EventTypeListOptions options = new EventTypeListOptions();
      options.setLimit(2L);
      options.setOrder(order);
      int pages = 0;
      int added = 0;
      while (true) {
        ListResponseEventTypeOut page = admin().getEventType().list(options);
        pages++;
        assertTrue(page.getData().size() <= 2);
        for (EventTypeOut type : page.getData()) {
          if (type.getName().startsWith(prefix)) {
            seen.add(type.getName());
          }
          assertNull(type.getSchemas(), "schemas only with with_content");
        }
        if (page.getDone()) {
          break;
        }
        // The catalogue grows between pages: before, among and after this walk's names.
        create(prefix + "a" + order + added);
        create(prefix + "m3x" + order + added);
        create(prefix + "z" + order + added);
        added++;
        options.setIterator(page.getIterator());
        assertTrue(pages < 500, "no end in sight");
      }
      assertTrue(pages > 3, pages + " pages");
      assertEquals(seen.size(), new HashSet<>(seen).size(), order + " repeated: " + seen);
      for (String name : there) {
        assertTrue(seen.contains(name), order + " skipped " + name + ": " + seen);
      }
      List<String> sorted = new ArrayList<>(seen);
      sorted.sort(order == Ordering.ASCENDING ? null : java.util.Comparator.reverseOrder());
      assertEquals(sorted, seen, "in name order");
    }

    admin()
        .getEventType()
        .update(prefix + "m0", new EventTypeUpdate().description("with schema").schemas(SCHEMA));
    EventTypeListOptions withContent = new EventTypeListOptions();
    withContent.setWithContent(true);
    withContent.setLimit(250L);
    withContent.setIterator(null);
    boolean found = false;
    while (!found) {
      ListResponseEventTypeOut page = admin().getEventType().list(withContent);
      for (EventTypeOut type : page.getData()) {
        if (type.getName().equals(prefix + "m0")) {
          assertEquals(SCHEMA, type.getSchemas(), "with_content lists the schemas");
          found = true;
        }
      }
      if (page.getDone()) {
        break;
      }
      withContent.setIterator(page.getIterator());
    }
    assertTrue(found, prefix + "m0 listed");
  }

  @Test
  void anAppTokenReadsTheCatalogueButCannotChangeIt() throws Exception {
    String name = RUN + "readable";
    create(name);
    String app = createApp("svix-event-types");
    String token =
        api.create("/api/v1/app/" + app + "/token", JsonObject.EMPTY_JSON_OBJECT)
            .getString("token");
    Svix asApp = svix(token);
    assertEquals(name, asApp.getEventType().get(name).getName());
    assertNotNull(asApp.getEventType().list().getData());
    ApiException e =
        assertThrows(
            ApiException.class,
            () -> asApp.getEventType().create(new EventTypeIn().name(RUN + "x").description("x")));
    assertEquals(403, e.getCode());
    assertEquals("forbidden", json(e.getResponseBody()).getString("code"));
    assertEquals(
        403, assertThrows(ApiException.class, () -> asApp.getEventType().delete(name)).getCode());
  }

  /** Every page of the catalogue, 250 at a time. */
  static List<EventTypeOut> all(boolean includeArchived) throws Exception {
    List<EventTypeOut> all = new ArrayList<>();
    EventTypeListOptions options = new EventTypeListOptions();
    options.setLimit(250L);
    options.setIncludeArchived(includeArchived);
    while (true) {
      ListResponseEventTypeOut page = admin().getEventType().list(options);
      all.addAll(page.getData());
      if (page.getDone()) {
        return all;
      }
      options.setIterator(page.getIterator());
    }
  }

  static Set<String> names(List<EventTypeOut> types) {
    Set<String> names = new HashSet<>();
    types.forEach(t -> names.add(t.getName()));
    return names;
  }

  static JsonObject json(String text) {
    try (var reader = Json.createReader(new StringReader(text))) {
      return reader.readObject();
    }
  }
}
