package io.hookline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.svix.Svix;
import com.svix.api.ApplicationCreateOptions;
import com.svix.api.ApplicationListOptions;
import com.svix.exceptions.ApiException;
import com.svix.models.ApplicationIn;
import com.svix.models.ApplicationOut;
import com.svix.models.ApplicationPatch;
import com.svix.models.ListResponseApplicationOut;
import com.svix.models.Ordering;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Svix's applications at {@code /api/v1/app} driven by Svix's official Java SDK (com.svix:svix);
 * plain HTTP only where the SDK hides what is checked (a response header) or for Hookline's own
 * token endpoint.
 */
class SvixApplicationIT extends MicroTest {
  static final String RUN = "svixapp-" + Long.toHexString(System.nanoTime()) + "-";

  static Svix admin() {
    return SvixEventTypeIT.admin();
  }

  static ApplicationOut create(String uid) throws Exception {
    return admin()
        .getApplication()
        .create(new ApplicationIn().name("App " + uid).uid(uid).putMetadataItem("plan", "pro"));
  }

  @Test
  void createGetUpdatePatchAndDeleteThroughTheSdk() throws Exception {
    String uid = RUN + "acme";
    ApplicationOut created =
        admin()
            .getApplication()
            .create(
                new ApplicationIn()
                    .name("Acme")
                    .uid(uid)
                    .metadata(Map.of("plan", "pro", "region", "eu"))
                    .throttleRate(100L));
    assertTrue(created.getId().startsWith("app_"), created.getId());
    assertEquals("Acme", created.getName());
    assertEquals(uid, created.getUid());
    assertEquals(Map.of("plan", "pro", "region", "eu"), created.getMetadata());
    assertEquals(100L, created.getThrottleRate());
    assertNotNull(created.getCreatedAt());
    assertEquals(created.getCreatedAt(), created.getUpdatedAt());

    assertEquals(created.getId(), admin().getApplication().get(created.getId()).getId());
    assertEquals(created.getId(), admin().getApplication().get(uid).getId());

    ApplicationOut again =
        admin().getApplication().getOrCreate(new ApplicationIn().name("Other name").uid(uid));
    assertEquals(created.getId(), again.getId());
    assertEquals("Acme", again.getName());

    ApiException duplicate =
        assertThrows(
            ApiException.class,
            () -> admin().getApplication().create(new ApplicationIn().name("Dup").uid(uid)));
    assertEquals(409, duplicate.getCode());

    ApplicationOut updated =
        admin()
            .getApplication()
            .update(uid, new ApplicationIn().name("Acme Inc").uid(uid).putMetadataItem("a", "b"));
    assertEquals(created.getId(), updated.getId());
    assertEquals("Acme Inc", updated.getName());
    assertEquals(Map.of("a", "b"), updated.getMetadata());
    assertNull(updated.getThrottleRate());
    assertFalse(updated.getUpdatedAt().isBefore(created.getUpdatedAt()));

    ApplicationOut patched =
        admin()
            .getApplication()
            .patch(created.getId(), new ApplicationPatch().metadata(Map.of("plan", "team")));
    assertEquals("Acme Inc", patched.getName());
    assertEquals(uid, patched.getUid());
    assertEquals(Map.of("plan", "team"), patched.getMetadata());
    ApplicationOut renamed =
        admin().getApplication().patch(uid, new ApplicationPatch().name("Acme GmbH"));
    assertEquals("Acme GmbH", renamed.getName());
    assertEquals(Map.of("plan", "team"), renamed.getMetadata());

    admin().getApplication().delete(uid);
    ApiException gone =
        assertThrows(ApiException.class, () -> admin().getApplication().get(created.getId()));
    assertEquals(404, gone.getCode());
  }

  @Test
  void putCreatesAMissingAppWithThePathAsItsUid() throws Exception {
    String uid = RUN + "put";
    ApplicationOut made =
        admin().getApplication().update(uid, new ApplicationIn().name("Made by PUT"));
    assertEquals(uid, made.getUid());
    assertEquals(made.getId(), admin().getApplication().get(uid).getId());
  }

  @Test
  void repeatedPutsKeepTheUidAndOneApp() throws Exception {
    String uid = RUN + "reput";
    ApplicationOut first = admin().getApplication().update(uid, new ApplicationIn().name("Put 1"));
    for (int i = 2; i <= 3; i++) {
      ApplicationOut again =
          admin().getApplication().update(uid, new ApplicationIn().name("Put " + i));
      assertEquals(first.getId(), again.getId(), "PUT " + i);
      assertEquals(uid, again.getUid(), "PUT " + i + " keeps the uid");
      assertEquals("Put " + i, again.getName());
    }
    assertEquals(first.getId(), admin().getApplication().get(uid).getId());
  }

  @Test
  void anAppWithEndpointsIsNotDeleted() throws Exception {
    ApplicationOut app = create(RUN + "busy");
    createEndpoint(app.getId(), "/busy");
    ApiException kept =
        assertThrows(ApiException.class, () -> admin().getApplication().delete(app.getId()));
    assertEquals(409, kept.getCode());
    assertEquals(app.getId(), admin().getApplication().get(app.getId()).getId());
  }

  @Test
  void pagingWithLimitTwoNeitherSkipsNorRepeats() throws Exception {
    List<String> mine = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      mine.add(create(RUN + "page" + i).getId());
    }
    // Newest first: this run's apps are the first five; one made during the walk comes before
    // the walk's start and must not show up in it.
    List<String> seen = new ArrayList<>();
    String iterator = null;
    boolean madeDuringWalk = false;
    while (!seen.contains(mine.get(0))) {
      ApplicationListOptions options = new ApplicationListOptions();
      options.setLimit(2L);
      options.setOrder(Ordering.DESCENDING);
      options.setIterator(iterator);
      ListResponseApplicationOut page = admin().getApplication().list(options);
      assertTrue(page.getData().size() <= 2, "page of " + page.getData().size());
      page.getData().forEach(app -> seen.add(app.getId()));
      iterator = page.getIterator();
      if (!madeDuringWalk) {
        create(RUN + "during");
        madeDuringWalk = true;
      }
      assertFalse(
          page.getDone() && !seen.contains(mine.get(0)), "done before this run's apps: " + seen);
    }
    assertEquals(
        List.of(mine.get(4), mine.get(3), mine.get(2), mine.get(1), mine.get(0)),
        seen.subList(0, 5));
    assertEquals(seen.size(), new HashSet<>(seen).size(), "repeated: " + seen);

    ApplicationListOptions ascending = new ApplicationListOptions();
    ascending.setLimit(250L);
    ListResponseApplicationOut first = admin().getApplication().list(ascending);
    for (int i = 1; i < first.getData().size(); i++) {
      assertTrue(
          first.getData().get(i - 1).getId().compareTo(first.getData().get(i).getId()) < 0,
          "ascending by default");
    }
  }

  @Test
  void anAppTokenReachesItsOwnAppOnly() throws Exception {
    ApplicationOut mine = create(RUN + "tok-mine");
    ApplicationOut theirs = create(RUN + "tok-theirs");
    String token =
        api.create("/api/v1/app/" + mine.getId() + "/token", JsonObject.EMPTY_JSON_OBJECT)
            .getString("token");
    Svix app = SvixEventTypeIT.svix(token);

    assertEquals(mine.getId(), app.getApplication().get(mine.getUid()).getId());
    // Reading only: a tenant that could change its uid could take another tenant's before the
    // operator creates it.
    assertEquals(
        403,
        assertThrows(
                ApiException.class,
                () -> app.getApplication().patch(mine.getId(), new ApplicationPatch().uid("taken")))
            .getCode());
    assertEquals(mine.getUid(), admin().getApplication().get(mine.getId()).getUid());
    assertEquals(
        404,
        assertThrows(ApiException.class, () -> app.getApplication().get(theirs.getId())).getCode());
    assertEquals(
        404,
        assertThrows(
                ApiException.class,
                () -> app.getApplication().patch(theirs.getUid(), new ApplicationPatch().name("x")))
            .getCode());
    assertEquals(
        403, assertThrows(ApiException.class, () -> app.getApplication().list()).getCode());
    assertEquals(
        403,
        assertThrows(
                ApiException.class,
                () -> app.getApplication().create(new ApplicationIn().name("not mine")))
            .getCode());
  }

  @Test
  void aRetriedCreateWithTheSameKeyMakesOneApp() throws Exception {
    String name = RUN + "idem-sdk";
    ApplicationCreateOptions options = new ApplicationCreateOptions();
    options.setIdempotencyKey("auto_" + UUID.randomUUID());
    ApplicationIn in = new ApplicationIn().name(name).uid(name);
    ApplicationOut first = admin().getApplication().create(in, options);
    ApplicationOut second = admin().getApplication().create(in, options);
    assertEquals(first.getId(), second.getId());
    assertEquals(
        List.of(first.getId()),
        Sql.strings(TestStack.microDatabase(), "select id from app where name = ?", name));
  }

  @Test
  void aReplayAnswersTheFirstAnswerAndAnotherBodyIsAConflict() throws Exception {
    String name = RUN + "idem-http";
    String key = "auto_" + UUID.randomUUID();
    String body = Json.createObjectBuilder().add("name", name).build().toString();
    Map<String, String> headers = Map.of("idempotency-key", key);
    Api.Response first =
        api.send("POST", "/api/v1/app", body, "application/json", TestStack.ADMIN_TOKEN, headers);
    Api.Response second =
        api.send("POST", "/api/v1/app", body, "application/json", TestStack.ADMIN_TOKEN, headers);
    assertEquals(201, first.status(), first.body());
    assertFalse(first.headers().firstValue("idempotent-replayed").isPresent());
    assertEquals(201, second.status(), second.body());
    assertEquals(first.body(), second.body());
    assertEquals("true", second.headers().firstValue("idempotent-replayed").orElse(null));
    assertEquals(first.headers().firstValue("location"), second.headers().firstValue("location"));
    assertEquals(
        1,
        Sql.strings(TestStack.microDatabase(), "select id from app where name = ?", name).size());

    String other = Json.createObjectBuilder().add("name", name + "-other").build().toString();
    Api.Response conflict =
        api.send("POST", "/api/v1/app", other, "application/json", TestStack.ADMIN_TOKEN, headers);
    assertEquals(409, conflict.status(), conflict.body());

    // Keys are per route: the same key on the event-type catalogue is another request.
    String typeName = RUN + "idem.type";
    String typeBody =
        Json.createObjectBuilder().add("name", typeName).add("description", "d").build().toString();
    Api.Response type =
        api.send(
            "POST",
            "/api/v1/event-type",
            typeBody,
            "application/json",
            TestStack.ADMIN_TOKEN,
            headers);
    Api.Response typeAgain =
        api.send(
            "POST",
            "/api/v1/event-type",
            typeBody,
            "application/json",
            TestStack.ADMIN_TOKEN,
            headers);
    assertEquals(201, type.status(), type.body());
    assertEquals(201, typeAgain.status(), typeAgain.body());
    assertEquals("true", typeAgain.headers().firstValue("idempotent-replayed").orElse(null));
    assertNotEquals(first.body(), type.body());
    com.svix.api.EventTypeDeleteOptions expunge = new com.svix.api.EventTypeDeleteOptions();
    expunge.setExpunge(true);
    admin().getEventType().delete(typeName, expunge);
  }
}
