package io.hookline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Per-app tokens: an app's token reaches that app alone; failed logins are slowed per address. */
class TokensIT extends MicroTest {

  private static Api.Response as(String token, String method, String path, JsonObject body) {
    return api.send(
        method, path, body == null ? null : body.toString(), "application/json", token, Map.of());
  }

  @Test
  void anAppTokenReachesOnlyItsAppAndIsShownOnceKeptHashedAndRevocable() {
    String mine =
        api.create(
                "/api/v1/app",
                Json.createObjectBuilder()
                    .add("name", "mine")
                    .add("uid", "tok-mine-" + System.nanoTime())
                    .build())
            .getString("id");
    String other = createApp("theirs");
    JsonObject issued = api.create("/api/v1/app/" + mine + "/token", JsonObject.EMPTY_JSON_OBJECT);
    String token = issued.getString("token");
    assertTrue(token.startsWith("hk_app_"), issued.toString());
    String tokenId = issued.getString("id");

    JsonObject listed = api.get("/api/v1/app/" + mine + "/token").json();
    assertEquals(1, listed.getJsonArray("data").size());
    assertFalse(listed.toString().contains(token), "the list never shows a token");
    assertEquals(
        0,
        Sql.count(
            TestStack.microDatabase(),
            "select count(*) from api_token where token_hash = ? or prefix = ?",
            token,
            token),
        "the token is not stored in clear");

    // Its own app, by id or uid, and what is under it.
    assertEquals(200, as(token, "GET", "/api/v1/app/" + mine, null).status());
    assertEquals(200, as(token, "GET", "/api/v1/app/" + mine + "/endpoint", null).status());
    Api.Response sent =
        as(
            token,
            "POST",
            "/api/v1/app/" + mine + "/msg",
            Json.createObjectBuilder()
                .add("eventType", "tok.test")
                .add("payload", Json.createObjectBuilder())
                .build());
    assertEquals(202, sent.status(), sent.body());

    // Another app's resources do not exist for it.
    for (String path :
        List.of(
            "/api/v1/app/" + other,
            "/api/v1/app/" + other + "/endpoint",
            "/api/v1/app/" + other + "/dead-letter")) {
      Api.Response hidden = as(token, "GET", path, null);
      assertEquals(404, hidden.status(), path + ": " + hidden.body());
      assertEquals("application/problem+json", hidden.contentType());
    }
    // The operator's resources are forbidden to it.
    for (String[] call :
        new String[][] {
          {"GET", "/api/v1/app"},
          {"POST", "/api/v1/app"},
          {"GET", "/api/v1/source"},
          {"GET", "/api/v1/audit"},
          {"GET", "/api/v1/queue"},
          {"POST", "/api/v1/app/" + mine + "/token"}
        }) {
      Api.Response refused =
          as(token, call[0], call[1], call[0].equals("POST") ? JsonObject.EMPTY_JSON_OBJECT : null);
      assertEquals(403, refused.status(), call[0] + " " + call[1] + ": " + refused.body());
    }

    assertEquals(
        204,
        api.send(
                "DELETE",
                "/api/v1/app/" + mine + "/token/" + tokenId,
                null,
                null,
                TestStack.ADMIN_TOKEN)
            .status());
    assertEquals(401, as(token, "GET", "/api/v1/app/" + mine, null).status(), "revoked at once");
  }

  /** Raw HTTP from another loopback address, so the test's own address is never the one slowed. */
  private static int statusFrom(String sourceAddress, String token) throws Exception {
    return statusFrom(sourceAddress, token, "");
  }

  /** The same, with extra header lines (each ending in CRLF). */
  private static int statusFrom(String sourceAddress, String token, String headers)
      throws Exception {
    try (Socket socket = new Socket()) {
      socket.bind(new InetSocketAddress(InetAddress.getByName(sourceAddress), 0));
      socket.connect(new InetSocketAddress("127.0.0.1", TestStack.MICRO_PORT), 5000);
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("GET /api/v1/app HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                  + token
                  + "\r\n"
                  + headers
                  + "Connection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      String statusLine = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
      return Integer.parseInt(statusLine.substring(9, 12));
    }
  }

  @Test
  void anAddressThatKeepsGuessingIsRefusedButARightTokenStillGetsIn() throws Exception {
    String guesser = "127.0.0.2";
    int limit = 20;
    for (int i = 0; i < limit; i++) {
      assertEquals(401, statusFrom(guesser, "hk_app_guess" + i));
    }
    for (int i = 0; i < 10; i++) {
      assertEquals(429, statusFrom(guesser, "hk_app_guess-more" + i));
    }
    // Behind a load balancer everyone shares that address: a right token is never refused.
    assertEquals(200, statusFrom(guesser, TestStack.ADMIN_TOKEN));
    assertEquals(429, statusFrom(guesser, "hk_app_guess-again"), "guesses are still refused");
    assertEquals(200, statusFrom("127.0.0.3", TestStack.ADMIN_TOKEN), "other addresses go on");
    assertTrue(
        java.nio.file.Files.readString(
                TestStack.micro().settings().rootDir().resolveSibling("micro.log"))
            .contains("refused an API token from " + guesser),
        "the refusal is logged");
    assertFalse(
        java.nio.file.Files.readString(
                TestStack.micro().settings().rootDir().resolveSibling("micro.log"))
            .contains("hk_app_guess"),
        "without the token");
  }

  @Test
  void clientsBehindATrustedProxyAreCountedApartAndAnUntrustedPeerCannotPickItsAddress()
      throws Exception {
    // The stack trusts 127.0.0.4 as a proxy (TestStack), and no other address.
    String proxy = "127.0.0.4";
    for (int i = 0; i < 20; i++) {
      assertEquals(401, statusFrom(proxy, "hk_app_fwd" + i, "X-Forwarded-For: 198.51.100.7\r\n"));
    }
    assertEquals(429, statusFrom(proxy, "hk_app_fwd-more", "X-Forwarded-For: 198.51.100.7\r\n"));
    // A client of the proxy that wrote its own X-Forwarded-For: the proxy appended the real one.
    assertEquals(
        429,
        statusFrom(proxy, "hk_app_fwd-spoof", "X-Forwarded-For: 198.51.100.99, 198.51.100.7\r\n"));
    assertEquals(
        401,
        statusFrom(proxy, "hk_app_fwd-other", "X-Forwarded-For: 198.51.100.8\r\n"),
        "another client behind the same proxy is counted on its own");

    // From a peer that is not a trusted proxy the header is ignored, whatever it says.
    String untrusted = "127.0.0.5";
    for (int i = 0; i < 20; i++) {
      assertEquals(
          401,
          statusFrom(untrusted, "hk_app_spoof" + i, "X-Forwarded-For: 198.51.100." + i + "\r\n"));
    }
    assertEquals(
        429, statusFrom(untrusted, "hk_app_spoof-more", "X-Forwarded-For: 198.51.100.50\r\n"));
    assertTrue(
        java.nio.file.Files.readString(
                TestStack.micro().settings().rootDir().resolveSibling("micro.log"))
            .contains("refused an API token from 198.51.100.7"),
        "the client's address is logged, not the proxy's");
  }
}
