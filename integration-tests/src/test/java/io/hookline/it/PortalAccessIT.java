package io.hookline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.OffsetDateTime;
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
    assertTrue(
        out.getUrl().toString().endsWith("/portal/#key=" + token),
        "the token travels in the fragment: " + out.getUrl());
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
}
