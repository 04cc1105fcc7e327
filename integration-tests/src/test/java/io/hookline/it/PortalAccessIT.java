package io.hookline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.svix.Svix;
import com.svix.exceptions.ApiException;
import com.svix.models.AppPortalAccessIn;
import com.svix.models.AppPortalAccessOut;
import com.svix.models.AppPortalCapability;
import com.svix.models.ApplicationIn;
import com.svix.models.ApplicationOut;
import com.svix.models.ApplicationTokenExpireIn;
import com.svix.models.EndpointIn;
import com.svix.models.EndpointOut;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Subscriber portal links as Svix's API makes them, through Svix's official Java SDK ({@code
 * getAuthentication().appPortalAccess}, {@code expireAll}); plain HTTP for what each capability
 * allows with the link's token.
 */
class PortalAccessIT extends MicroTest {
  static final String RUN = "portal-" + Long.toHexString(System.nanoTime()) + "-";

  static Svix admin() {
    return SvixEventTypeIT.admin();
  }

  static ApplicationOut app(String name) throws Exception {
    return admin().getApplication().create(new ApplicationIn().name(name).uid(RUN + name));
  }

  static Api.Response as(String token, String method, String path, JsonObject body) {
    return api.send(
        method, path, body == null ? null : body.toString(), "application/json", token, Map.of());
  }

  static String link(String app, AppPortalAccessIn in) throws Exception {
    return admin().getAuthentication().appPortalAccess(app, in).getToken();
  }

  static JsonObject endpointIn(String path) {
    return Json.createObjectBuilder().add("url", receiver.url(path)).build();
  }

  @Test
  void aLinkIsScopedToItsAppHashedAndCarriesEveryCapabilityByDefault() throws Exception {
    ApplicationOut app = app("acme");
    AppPortalAccessOut out =
        admin().getAuthentication().appPortalAccess(app.getId(), new AppPortalAccessIn());
    String token = out.getToken();
    assertTrue(token.startsWith("hk_portal_"), token);
    assertEquals(
        TestStack.portalUrl() + "#key=" + token,
        out.getUrl().toString(),
        "HOOKLINE_PORTAL_URL, the token in the fragment");
    assertEquals(null, out.getUrl().getRawQuery(), "nothing of the token in the query");
    String hash =
        HexFormat.of()
            .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes("UTF-8")));
    assertEquals(
        1,
        Sql.count(
            TestStack.microDatabase(),
            "select count(*) from portal_token where token_hash = ?",
            hash));
    assertEquals(
        0,
        Sql.count(
            TestStack.microDatabase(),
            "select count(*) from portal_token where token_hash = ? or capabilities like ?",
            token,
            "%" + token + "%"),
        "the token is not stored in clear");

    JsonObject session = as(token, "GET", "/api/v1/auth/portal-session", null).json();
    assertEquals(app.getId(), session.getString("appId"));
    assertEquals(
        Set.of(
            "ViewBase",
            "ViewEndpointSecret",
            "ManageEndpointSecret",
            "ManageTransformations",
            "CreateAttempts",
            "ManageEndpoint"),
        Set.copyOf(session.getJsonArray("capabilities").getValuesAs(JsonString::getString)));
    OffsetDateTime expires = OffsetDateTime.parse(session.getString("expiresAt"));
    Duration left = Duration.between(OffsetDateTime.now(), expires);
    assertTrue(
        left.compareTo(Duration.ofDays(7).minusMinutes(5)) > 0
            && left.compareTo(Duration.ofDays(7).plusMinutes(5)) < 0,
        "7 days by default: " + left);

    // With every capability the SDK, given the link's token, manages the app's endpoints.
    Svix portal = SvixEventTypeIT.svix(token);
    EndpointOut made =
        portal
            .getEndpoint()
            .create(app.getId(), new EndpointIn().url(java.net.URI.create(receiver.url("/p-all"))));
    assertEquals(1, portal.getEndpoint().list(app.getId()).getData().size());
    assertTrue(
        portal.getEndpoint().getSecret(app.getId(), made.getId()).getKey().startsWith("whsec_"));

    // But it sends no messages, makes no tokens or links, and sees no other app.
    ApplicationOut other = app("other");
    String theirEndpoint = createEndpoint(other.getId(), "/p-theirs");
    String theirMessage = sendMessage(other.getId(), "portal.theirs");
    Api.Response send =
        as(
            token,
            "POST",
            "/api/v1/app/" + app.getId() + "/msg",
            Json.createObjectBuilder()
                .add("eventType", "x")
                .add("payload", Json.createObjectBuilder())
                .build());
    assertEquals(403, send.status(), send.body());
    assertEquals("application/problem+json", send.contentType());
    assertEquals(
        403,
        as(
                token,
                "POST",
                "/api/v1/auth/app-portal-access/" + app.getId(),
                Json.createObjectBuilder().build())
            .status());
    assertEquals(
        403,
        as(
                token,
                "POST",
                "/api/v1/app/" + app.getId() + "/token",
                Json.createObjectBuilder().build())
            .status());
    assertEquals(403, as(token, "GET", "/api/v1/app", null).status());
    for (String path :
        List.of(
            "/api/v1/app/" + other.getId(),
            "/api/v1/app/" + other.getId() + "/endpoint",
            "/api/v1/app/" + other.getUid() + "/msg",
            "/api/v1/app/" + app.getId() + "/endpoint/" + theirEndpoint,
            "/api/v1/app/" + app.getId() + "/msg/" + theirMessage,
            "/api/v1/app/" + app.getId() + "/attempt/msg/" + theirMessage,
            "/api/v1/app/" + app.getId() + "/endpoint/" + theirEndpoint + "/secret")) {
      Api.Response answer = as(token, "GET", path, null);
      assertEquals(404, answer.status(), path + ": " + answer.body());
      assertEquals("application/problem+json", answer.contentType(), path);
    }
  }

  @Test
  void eachCapabilityOpensItsCallsAndNoOthers() throws Exception {
    ApplicationOut app = app("caps");
    String endpoint = createEndpoint(app.getId(), "/p-caps");
    String message = sendMessage(app.getId(), "portal.caps");
    awaitDeliveryStatus(message, "DELIVERED");
    String base = "/api/v1/app/" + app.getId();
    String ep = base + "/endpoint/" + endpoint;
    JsonObject empty = Json.createObjectBuilder().build();
    JsonObject since =
        Json.createObjectBuilder()
            .add("since", OffsetDateTime.now().minusHours(1).toString())
            .build();

    String readOnly = link(app.getId(), new AppPortalAccessIn().readOnly(true));
    assertEquals(
        List.of("ViewBase"),
        as(readOnly, "GET", "/api/v1/auth/portal-session", null)
            .json()
            .getJsonArray("capabilities")
            .getValuesAs(JsonString::getString));
    for (String path :
        List.of(
            base,
            base + "/endpoint",
            ep,
            ep + "/stats",
            base + "/msg",
            base + "/msg/" + message,
            base + "/attempt/msg/" + message,
            base + "/portal/msg",
            base + "/portal/hourly?endpoint_id=" + endpoint,
            "/api/v1/event-type")) {
      assertEquals(200, as(readOnly, "GET", path, null).status(), path);
    }
    Map<String, String[]> writes =
        Map.of(
            "create an endpoint", new String[] {"POST", base + "/endpoint"},
            "change one", new String[] {"PATCH", ep},
            "delete one", new String[] {"DELETE", ep},
            "set headers", new String[] {"PUT", ep + "/headers"},
            "rotate", new String[] {"POST", ep + "/secret/rotate"},
            "resend",
                new String[] {
                  "POST", base + "/msg/" + message + "/endpoint/" + endpoint + "/resend"
                },
            "recover", new String[] {"POST", ep + "/recover"},
            "send an example", new String[] {"POST", ep + "/send-example"},
            "read the secret", new String[] {"GET", ep + "/secret"});
    for (var write : writes.entrySet()) {
      JsonObject body =
          write.getKey().equals("recover")
              ? since
              : write.getKey().equals("create an endpoint") ? endpointIn("/p-no") : empty;
      Api.Response answer =
          as(
              readOnly,
              write.getValue()[0],
              write.getValue()[1],
              write.getValue()[0].equals("GET") || write.getValue()[0].equals("DELETE")
                  ? null
                  : body);
      assertEquals(403, answer.status(), write.getKey() + ": " + answer.body());
      assertEquals("application/problem+json", answer.contentType(), write.getKey());
    }
    assertEquals(
        1,
        Sql.count(
            TestStack.microDatabase(),
            "select count(*) from endpoint where app_id = ? and deleted_at is null",
            app.getId()),
        "the read-only link changed nothing");

    String secretViewer =
        link(
            app.getId(),
            new AppPortalAccessIn().capabilities(Set.of(AppPortalCapability.VIEW_ENDPOINT_SECRET)));
    assertEquals(200, as(secretViewer, "GET", ep + "/secret", null).status());
    Api.Response rotate = as(secretViewer, "POST", ep + "/secret/rotate", empty);
    assertEquals(403, rotate.status(), rotate.body());
    assertTrue(rotate.json().getString("detail").contains("ManageEndpointSecret"), rotate.body());

    String rotator =
        link(
            app.getId(),
            new AppPortalAccessIn()
                .capabilities(Set.of(AppPortalCapability.MANAGE_ENDPOINT_SECRET)));
    assertEquals(204, as(rotator, "POST", ep + "/secret/rotate", empty).status());
    assertEquals(200, as(rotator, "GET", ep + "/secret", null).status());
    assertEquals(
        403,
        as(rotator, "PATCH", ep, Json.createObjectBuilder().add("description", "x").build())
            .status());

    String attempts =
        link(
            app.getId(),
            new AppPortalAccessIn().capabilities(Set.of(AppPortalCapability.CREATE_ATTEMPTS)));
    Api.Response resent =
        as(attempts, "POST", base + "/msg/" + message + "/endpoint/" + endpoint + "/resend", empty);
    assertEquals(202, resent.status(), resent.body());
    assertEquals(202, as(attempts, "POST", ep + "/recover", since).status());
    assertEquals(403, as(attempts, "GET", ep + "/secret", null).status());
    assertEquals(403, as(attempts, "POST", base + "/endpoint", endpointIn("/p-no")).status());

    String manager =
        link(
            app.getId(),
            new AppPortalAccessIn().capabilities(Set.of(AppPortalCapability.MANAGE_ENDPOINT)));
    Api.Response patched =
        as(
            manager,
            "PATCH",
            ep,
            Json.createObjectBuilder().add("description", "by the portal").build());
    assertEquals(200, patched.status(), patched.body());
    assertEquals(201, as(manager, "POST", base + "/endpoint", endpointIn("/p-more")).status());
    assertEquals(403, as(manager, "POST", ep + "/recover", since).status());
  }

  @Test
  void linksExpireAndExpireAllEndsThemBySession() throws Exception {
    ApplicationOut app = app("expiry");
    String path = "/api/v1/app/" + app.getId() + "/endpoint";
    String first = link(app.getId(), new AppPortalAccessIn().sessionId("s1").expiry(3600L));
    String second = link(app.getId(), new AppPortalAccessIn().sessionId("s2"));
    String third = link(app.getId(), new AppPortalAccessIn());
    JsonObject session = as(first, "GET", "/api/v1/auth/portal-session", null).json();
    Duration left =
        Duration.between(
            OffsetDateTime.now(), OffsetDateTime.parse(session.getString("expiresAt")));
    assertTrue(
        left.compareTo(Duration.ofMinutes(55)) > 0 && left.compareTo(Duration.ofMinutes(65)) < 0,
        left.toString());

    admin()
        .getAuthentication()
        .expireAll(app.getId(), new ApplicationTokenExpireIn().sessionIds(List.of("s1")));
    Api.Response expired = as(first, "GET", path, null);
    assertEquals(401, expired.status(), expired.body());
    assertEquals("application/problem+json", expired.contentType());
    assertEquals("token_expired", expired.json().getString("code"), expired.body());
    assertEquals(401, as(first, "GET", "/api/v1/auth/portal-session", null).status());
    assertEquals(200, as(second, "GET", path, null).status());
    assertEquals(200, as(third, "GET", path, null).status());

    // Later rather than now: the links still work until then.
    admin().getAuthentication().expireAll(app.getId(), new ApplicationTokenExpireIn().expiry(600L));
    assertEquals(200, as(second, "GET", path, null).status());
    OffsetDateTime soon =
        OffsetDateTime.parse(
            as(second, "GET", "/api/v1/auth/portal-session", null).json().getString("expiresAt"));
    assertTrue(
        Duration.between(OffsetDateTime.now(), soon).compareTo(Duration.ofMinutes(11)) < 0,
        soon.toString());

    admin().getAuthentication().expireAll(app.getId(), new ApplicationTokenExpireIn());
    assertEquals(401, as(second, "GET", path, null).status());
    assertEquals(401, as(third, "GET", path, null).status());

    // A link whose time ran out by itself answers the same.
    String lapsing = link(app.getId(), new AppPortalAccessIn());
    assertEquals(200, as(lapsing, "GET", path, null).status());
    Sql.update(
        TestStack.microDatabase(),
        "update portal_token set expires_at = now() - interval '1 second' where app_id = ? and session_id is null and expires_at > now()",
        app.getId());
    assertEquals(401, as(lapsing, "GET", path, null).status());

    // A made-up token of the same shape is refused as any wrong token is.
    Api.Response wrong = as("hk_portal_" + "x".repeat(43), "GET", path, null);
    assertEquals(401, wrong.status());
    assertNotEquals("token_expired", wrong.json().getString("code", ""));
  }

  @Test
  void theSdksFieldsAreCheckedAndAnInlineApplicationIsMade() throws Exception {
    String uid = RUN + "inline";
    ApiException missing =
        assertThrows(
            ApiException.class,
            () -> admin().getAuthentication().appPortalAccess(uid, new AppPortalAccessIn()));
    assertEquals(404, missing.getCode());
    String token =
        link(uid, new AppPortalAccessIn().application(new ApplicationIn().name("Inline").uid(uid)));
    JsonObject session = as(token, "GET", "/api/v1/auth/portal-session", null).json();
    assertEquals(uid, session.getString("appUid"));
    assertEquals("Inline", session.getString("appName"));
    assertEquals(session.getString("appId"), admin().getApplication().get(uid).getId());

    for (long expiry : new long[] {3599, 604_801}) {
      ApiException out =
          assertThrows(
              ApiException.class,
              () ->
                  admin()
                      .getAuthentication()
                      .appPortalAccess(uid, new AppPortalAccessIn().expiry(expiry)));
      assertEquals(422, out.getCode(), "expiry " + expiry);
    }
    Api.Response unknown =
        api.post(
            "/api/v1/auth/app-portal-access/" + uid,
            Json.createObjectBuilder()
                .add("capabilities", Json.createArrayBuilder().add("Everything"))
                .build());
    assertEquals(422, unknown.status(), unknown.body());

    // Links and their ending are the operator's: an app's own token makes none.
    String appToken =
        api.create("/api/v1/app/" + uid + "/token", Json.createObjectBuilder().build())
            .getString("token");
    assertEquals(
        403,
        as(
                appToken,
                "POST",
                "/api/v1/auth/app-portal-access/" + uid,
                Json.createObjectBuilder().build())
            .status());
    assertEquals(
        403,
        as(
                appToken,
                "POST",
                "/api/v1/auth/app/" + uid + "/expire-all",
                Json.createObjectBuilder().build())
            .status());
    assertEquals(400, api.get("/api/v1/auth/portal-session").status());
  }

  /** The ids of a log answer's messages, in order. */
  static List<String> ids(JsonObject page) {
    return page.getJsonArray("data").getValuesAs(JsonObject.class).stream()
        .map(m -> m.getString("id"))
        .toList();
  }

  /** GET {@code query} on the app's portal log with the token; fails unless 200. */
  static JsonObject log(String token, String app, String query) {
    Api.Response answer = as(token, "GET", "/api/v1/app/" + app + "/portal/msg?" + query, null);
    assertEquals(200, answer.status(), query + ": " + answer.body());
    return answer.json();
  }

  @Test
  void theLogFiltersByDeliveryStatusEndpointAndTime() throws Exception {
    ApplicationOut app = app("log");
    String good = createEndpoint(app.getId(), "/p-log-good");
    receiver.scriptRepeated("/p-log-bad", TestStack.MAX_ATTEMPTS, 500);
    String bad = createEndpoint(app.getId(), "/p-log-bad");
    String first = sendMessage(app.getId(), "portal.log.a");
    Eventually.await(
        first + " delivered to one endpoint, dead at the other",
        WAIT,
        () -> Set.copyOf(deliveryStatus(first)),
        Set.of("DELIVERED", "DEAD")::equals);
    String second = sendMessage(app.getId(), "portal.log.b");
    Eventually.await(
        second + " delivered to both",
        WAIT,
        () -> deliveryStatus(second),
        List.of("DELIVERED", "DELIVERED")::equals);
    String token = link(app.getId(), new AppPortalAccessIn().readOnly(true));
    String id = app.getId();

    // Each way of reading: the messages index, the deliveries index, and the bounded look.
    assertEquals(List.of(second, first), ids(log(token, id, "")));
    JsonObject dead = log(token, id, "status=DEAD");
    assertEquals(List.of(first), ids(dead));
    assertTrue(dead.getBoolean("done"));
    assertFalse(dead.getBoolean("cutShort"));
    assertTrue(
        dead.getJsonArray("data").getJsonObject(0).getJsonArray("destinations").stream()
            .map(JsonValue::asJsonObject)
            .anyMatch(
                d -> d.getString("endpointId").equals(bad) && d.getString("status").equals("DEAD")),
        dead.toString());
    assertEquals(List.of(second, first), ids(log(token, id, "status=DELIVERED")));
    assertEquals(List.of(), ids(log(token, id, "status=PENDING")));
    assertEquals(List.of(second, first), ids(log(token, id, "endpoint_id=" + bad)));
    assertEquals(List.of(first), ids(log(token, id, "endpoint_id=" + bad + "&status=dead")));
    assertEquals(List.of(), ids(log(token, id, "endpoint_id=" + good + "&status=DEAD")));
    assertEquals(List.of(first), ids(log(token, id, "event_type=portal.log.a&status=DEAD")));
    assertEquals(List.of(), ids(log(token, id, "event_type=portal.log.b&status=DEAD")));
    assertEquals(
        List.of(second), ids(log(token, id, "event_type=portal.log.b&endpoint_id=" + bad)));

    // Paged: one at a time, on to the end.
    JsonObject one = log(token, id, "status=DELIVERED&limit=1");
    assertEquals(List.of(second), ids(one));
    assertFalse(one.getBoolean("done"));
    JsonObject rest =
        log(token, id, "status=DELIVERED&limit=1&iterator=" + one.getString("iterator"));
    assertEquals(List.of(first), ids(rest));
    assertEquals(
        200, as(token, "GET", "/api/v1/app/" + id + "/portal/msg?limit=250", null).status());
    for (String limit : List.of("0", "251", "x")) {
      Api.Response refused =
          as(token, "GET", "/api/v1/app/" + id + "/portal/msg?limit=" + limit, null);
      assertEquals(422, refused.status(), limit + ": " + refused.body());
    }

    // Time bounds at the ends of what a date can say: an answer or a 422, never a 500. Each
    // filter with the messages it keeps, through each way of reading.
    Map<String, List<String>> kept =
        Map.of(
            "",
            List.of(second, first),
            "&endpoint_id=" + bad,
            List.of(second, first),
            "&status=DEAD",
            List.of(first),
            "&event_type=portal.log.a&status=DEAD",
            List.of(first));
    for (var filter : kept.entrySet()) {
      String filters = filter.getKey();
      assertEquals(
          filter.getValue(),
          ids(log(token, id, "after=1900-01-01T00:00:00Z&before=9999-12-31T23:59:59Z" + filters)),
          filters);
      assertEquals(
          filter.getValue(), ids(log(token, id, "after=1969-12-31T23:59:59Z" + filters)), filters);
      assertEquals(
          List.of(), ids(log(token, id, "before=1969-12-31T23:59:59.999Z" + filters)), filters);
      assertEquals(
          List.of(), ids(log(token, id, "before=0001-01-01T00:00:00Z" + filters)), filters);
      assertEquals(
          List.of(),
          ids(log(token, id, "after=" + OffsetDateTime.now().plusHours(1) + filters)),
          filters);
      for (String extreme :
          List.of(
              "after=%2B999999999-01-01T00:00Z",
              "before=%2B999999999-01-01T00:00Z",
              "after=-999999999-01-01T00:00Z",
              "before=0000-01-01T00:00:00Z")) {
        Api.Response refused =
            as(token, "GET", "/api/v1/app/" + id + "/portal/msg?" + extreme + filters, null);
        assertEquals(422, refused.status(), extreme + filters + ": " + refused.body());
        assertEquals("application/problem+json", refused.contentType());
      }
    }
  }

  @Test
  void aFilterNoIndexAnswersLooksAtABoundedNumberOfMessagesAndSaysWhereItStopped()
      throws Exception {
    ApplicationOut app = app("window");
    // 1,005 messages, none with a delivery (the app has no endpoint).
    for (int size : new int[] {1000, 5}) {
      JsonArrayBuilder messages = Json.createArrayBuilder();
      for (int i = 0; i < size; i++) {
        messages.add(
            Json.createObjectBuilder()
                .add("eventType", "portal.window")
                .add("payload", Json.createObjectBuilder()));
      }
      Api.Response batch =
          api.post(
              "/api/v1/app/" + app.getId() + "/msg/batch",
              Json.createObjectBuilder().add("messages", messages).build());
      assertEquals(200, batch.status(), batch.body().substring(0, 200));
    }
    String token = link(app.getId(), new AppPortalAccessIn().readOnly(true));
    JsonObject first = log(token, app.getId(), "event_type=portal.window&status=DEAD");
    assertEquals(List.of(), ids(first));
    assertTrue(first.getBoolean("cutShort"), first.toString());
    assertFalse(first.getBoolean("done"));
    JsonObject second =
        log(
            token,
            app.getId(),
            "event_type=portal.window&status=DEAD&iterator=" + first.getString("iterator"));
    assertEquals(List.of(), ids(second));
    assertFalse(second.getBoolean("cutShort"), second.toString());
    assertTrue(second.getBoolean("done"));
    // A status alone over an app with few endpoints reads their deliveries: nothing, at once.
    JsonObject byDeliveries = log(token, app.getId(), "status=DEAD");
    assertEquals(List.of(), ids(byDeliveries));
    assertTrue(byDeliveries.getBoolean("done"));
    assertFalse(byDeliveries.getBoolean("cutShort"));
  }

  @Test
  void aMessagesDestinationsAreCappedAndTheRestCounted() throws Exception {
    ApplicationOut app = app("fan");
    List<String> endpoints = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      endpoints.add(createEndpoint(app.getId(), "/p-fan-" + i));
    }
    String message = sendMessage(app.getId(), "portal.fan");
    awaitDeliveredRows(app.getId(), 12);
    String token = link(app.getId(), new AppPortalAccessIn().readOnly(true));
    JsonObject line = log(token, app.getId(), "").getJsonArray("data").getJsonObject(0);
    assertEquals(message, line.getString("id"));
    assertEquals(10, line.getJsonArray("destinations").size());
    assertEquals(2, line.getInt("moreDestinations"));
    assertFalse(line.getBoolean("moreDestinationsAtLeast"));
    // The endpoint the log is filtered by is shown, first, even when it is not among the first ten.
    String last = endpoints.stream().max(String::compareTo).orElseThrow();
    JsonObject filtered =
        log(token, app.getId(), "endpoint_id=" + last).getJsonArray("data").getJsonObject(0);
    JsonArray shown = filtered.getJsonArray("destinations");
    assertEquals(last, shown.getJsonObject(0).getString("endpointId"));
    assertEquals(10, shown.size());
    assertEquals(2, filtered.getInt("moreDestinations"));
  }

  @Test
  void theChartsOfTheEndpointsShownComeInOneCall() throws Exception {
    ApplicationOut app = app("charts");
    String a = createEndpoint(app.getId(), "/p-chart-a");
    String b = createEndpoint(app.getId(), "/p-chart-b");
    String quiet = createEndpoint(app.getId(), "/p-chart-quiet");
    api.send(
        "PATCH",
        "/api/v1/app/" + app.getId() + "/endpoint/" + quiet,
        "{\"disabled\":true}",
        "application/json",
        TestStack.ADMIN_TOKEN);
    sendMessage(app.getId(), "portal.chart");
    awaitDeliveredRows(app.getId(), 2);
    String token = link(app.getId(), new AppPortalAccessIn().readOnly(true));
    String base = "/api/v1/app/" + app.getId() + "/portal/hourly";
    Api.Response answer =
        as(token, "GET", base + "?endpoint_id=" + a + "&endpoint_id=" + b + "," + quiet, null);
    assertEquals(200, answer.status(), answer.body());
    List<JsonObject> series = answer.json().getJsonArray("data").getValuesAs(JsonObject.class);
    assertEquals(
        List.of(a, b, quiet), series.stream().map(s -> s.getString("endpointId")).toList());
    for (JsonObject one : series) {
      JsonArray hours = one.getJsonArray("hours");
      assertEquals(24, hours.size());
      JsonObject now = hours.getJsonObject(23);
      int expected = one.getString("endpointId").equals(quiet) ? 0 : 1;
      assertEquals(expected, now.getInt("attempts"), one.toString());
      assertEquals(expected, now.getInt("succeeded"), one.toString());
    }
    ApplicationOut other = app("charts-other");
    String theirs = createEndpoint(other.getId(), "/p-chart-theirs");
    assertEquals(
        404,
        as(token, "GET", base + "?endpoint_id=" + a + "&endpoint_id=" + theirs, null).status());
    StringBuilder tooMany = new StringBuilder(base + "?endpoint_id=" + a);
    for (int i = 0; i < 50; i++) {
      tooMany.append("&endpoint_id=ep_").append(String.format("%026d", i));
    }
    assertEquals(422, as(token, "GET", tooMany.toString(), null).status());
    assertEquals(422, as(token, "GET", base, null).status());
    assertEquals(422, as(token, "GET", base + "?endpoint_id=my-uid", null).status());
  }

  @Test
  void aLinkMakesAtMostItsShareOfRequestsAMinute() throws Exception {
    ApplicationOut app = app("busy");
    String busy = link(app.getId(), new AppPortalAccessIn().readOnly(true));
    String calm = link(app.getId(), new AppPortalAccessIn().readOnly(true));
    long started = System.nanoTime();
    for (int i = 0; i < TestStack.PORTAL_MAX_REQUESTS; i++) {
      Api.Response answer = as(busy, "GET", "/api/v1/auth/portal-session", null);
      assertEquals(200, answer.status(), "request " + i + ": " + answer.body());
    }
    Api.Response refused = as(busy, "GET", "/api/v1/auth/portal-session", null);
    // The window is a minute: the requests above must have fitted in it for the 429 to be due.
    assertTrue(
        Duration.ofNanos(System.nanoTime() - started).compareTo(Duration.ofSeconds(50)) < 0,
        "the requests took too long to test the limit");
    assertEquals(429, refused.status(), refused.body());
    assertEquals("application/problem+json", refused.contentType());
    assertTrue(refused.headers().firstValue("retry-after").isPresent());
    // Per link: another link of the same app, and the app's operator, go on.
    assertEquals(200, as(calm, "GET", "/api/v1/auth/portal-session", null).status());
    assertEquals(200, api.get("/api/v1/app/" + app.getId()).status());
  }
}
