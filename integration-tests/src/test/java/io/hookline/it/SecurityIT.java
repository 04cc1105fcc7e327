package io.hookline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Security over HTTP on a node in production mode ({@link ProductionNode}: no plain http, no
 * internal targets). Server-side request forgery: every address form below is refused when an
 * endpoint is created (POST, and PUT of a new uid) or changed (PATCH, PUT), with a 422 problem
 * naming the url field, and a name that turns to loopback after it was saved is refused at
 * delivery. Tenancy: an app's token finds nothing of another app, under that app's path or its own.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecurityIT {
  static final Duration WAIT = Duration.ofSeconds(30);

  /** Public, as far as the node can tell: the test's hosts file answers it. */
  static final String PUBLIC_ADDRESS = "93.184.215.14";

  static final String PUBLIC_URL = "https://public.hookline.test/hook";

  /** Names the node's hosts file answers (see ProductionNode). */
  static final Map<String, List<String>> NAMES =
      Map.of(
          "public.hookline.test", List.of(PUBLIC_ADDRESS),
          "rebind.hookline.test", List.of(PUBLIC_ADDRESS),
          "loopback.hookline.test", List.of("127.0.0.1"),
          "v6-loopback.hookline.test", List.of("::1"),
          "metadata.hookline.test", List.of("169.254.169.254"),
          "private.hookline.test", List.of("10.20.30.40"),
          "mixed.hookline.test", List.of(PUBLIC_ADDRESS, "192.168.0.10"));

  static Api admin;

  /** The app and endpoint the refused changes are tried on. */
  static String ssrfApp;

  static String ssrfEndpoint;

  @BeforeAll
  static void startTheProductionNode() {
    long started = System.nanoTime();
    ProductionNode.start(NAMES);
    System.out.printf(
        "SecurityIT: production broker and node started in %d ms%n",
        (System.nanoTime() - started) / 1_000_000);
    admin = ProductionNode.adminApi();
    ssrfApp = createApp(admin, "ssrf");
    twoAppsAndATokenForOne();
    ssrfEndpoint =
        admin
            .create(
                "/api/v1/app/" + ssrfApp + "/endpoint",
                Json.createObjectBuilder().add("url", PUBLIC_URL).add("uid", "kept").build())
            .getString("id");
  }

  @AfterAll
  static void stopTheProductionNode() {
    ProductionNode.stop();
  }

  static String createApp(Api api, String name) {
    return api.create("/api/v1/app", Json.createObjectBuilder().add("name", name).build())
        .getString("id");
  }

  // ---------------------------------------------------------------------------------------------
  // Server-side request forgery

  /** Each form: its name, the URL, and a word the refusal must give as its reason. */
  static Stream<Arguments> forms() {
    return Stream.of(
        // IPv4 ranges
        form("IPv4 loopback", "https://127.0.0.1/", "loopback"),
        form("IPv4 loopback, not .1, with a port", "https://127.0.0.2:8443/x", "loopback"),
        form("IPv4 unspecified 0.0.0.0", "https://0.0.0.0/", "unspecified"),
        form("IPv4 private 10/8", "https://10.0.0.1/", "private"),
        form("IPv4 private 172.16/12", "https://172.16.0.1/", "private"),
        form("IPv4 private 192.168/16", "https://192.168.1.1/", "private"),
        form("IPv4 carrier-grade NAT 100.64/10", "https://100.64.0.1/", "carrier-grade"),
        form("IPv4 link-local", "https://169.254.0.1/", "link-local"),
        form("cloud metadata 169.254.169.254", "https://169.254.169.254/latest/", "link-local"),
        form("Alibaba metadata 100.100.100.200", "https://100.100.100.200/", "carrier-grade"),
        form("IPv4 broadcast", "https://255.255.255.255/", "broadcast"),
        form("IPv4 multicast", "https://224.0.0.1/", "multicast"),
        // IPv4 written other ways
        form("decimal IPv4 (127.0.0.1)", "https://2130706433/", "ambiguous"),
        form("decimal IPv4 (169.254.169.254)", "https://2852039166/", "ambiguous"),
        form("octal IPv4", "https://0177.0.0.1/", "ambiguous"),
        form("zero-padded IPv4", "https://127.000.000.001/", "ambiguous"),
        form("hex IPv4", "https://0x7f000001/", "ambiguous"),
        form("dotted hex IPv4", "https://0x7f.0x0.0x0.0x1/", "host"),
        form("short IPv4 127.1", "https://127.1/", "host"),
        form("short IPv4 127.0.1", "https://127.0.1/", "host"),
        form("the number 0", "https://0/", "ambiguous"),
        form("IPv4 with a trailing dot", "https://127.0.0.1./", "host"),
        // IPv6
        form("IPv6 loopback", "https://[::1]/", "loopback"),
        form("IPv6 loopback, long form", "https://[0:0:0:0:0:0:0:1]:8443/", "loopback"),
        form("IPv6 unspecified", "https://[::]/", "unspecified"),
        form("IPv6 unique-local fd00::/8", "https://[fd00::1]/", "unique-local"),
        form("IPv6 unique-local fc00::/8", "https://[fc00::1]/", "unique-local"),
        form("AWS metadata over IPv6", "https://[fd00:ec2::254]/", "unique-local"),
        form("IPv6 link-local", "https://[fe80::1]/", "link-local"),
        form("IPv6 link-local with a zone id", "https://[fe80::1%25eth0]/", "zone id"),
        form("IPv6 link-local with a numeric zone id", "https://[fe80::1%251]/", "zone id"),
        form("IPv6 site-local (deprecated)", "https://[fec0::1]/", "site-local"),
        form("IPv4-mapped loopback", "https://[::ffff:127.0.0.1]/", "loopback"),
        form("IPv4-mapped metadata in hex", "https://[::ffff:a9fe:a9fe]/", "link-local"),
        form("IPv4-compatible loopback", "https://[::127.0.0.1]/", "loopback"),
        form("IPv4-translated (SIIT) loopback", "https://[::ffff:0:127.0.0.1]/", "loopback"),
        form("NAT64 loopback", "https://[64:ff9b::7f00:1]/", "loopback"),
        form("NAT64 metadata", "https://[64:ff9b::169.254.169.254]/", "link-local"),
        form("NAT64 local-use prefix", "https://[64:ff9b:1::a00:1]/", "local-use"),
        form("6to4 of a private address", "https://[2002:c0a8:101::1]/", "private"),
        // Names
        form("localhost", "https://localhost/", "loopback"),
        form("localhost. with a trailing dot", "https://localhost./", "loopback"),
        form("LOCALHOST. in capitals", "https://LOCALHOST./", "loopback"),
        form("a name under localhost", "https://api.localhost/", "loopback"),
        form("a name that resolves to loopback", "https://loopback.hookline.test/", "loopback"),
        form("that name with a trailing dot", "https://loopback.hookline.test./", "loopback"),
        form("a name that resolves to metadata", "https://metadata.hookline.test/", "link-local"),
        form("a name that resolves to 10/8", "https://private.hookline.test/", "private"),
        form("a public and a private answer", "https://mixed.hookline.test/", "192.168.0.10"),
        // URL tricks
        form("credentials before a loopback host", "https://example.com@127.0.0.1/", "credentials"),
        form("plain http to a public name", "http://public.hookline.test/", "https"));
  }

  private static Arguments form(String name, String url, String reason) {
    return Arguments.of(name, url, reason);
  }

  /** A 422 problem+json for the url field, whose text gives {@code reason}. */
  private static void assertRefusedUrl(Api.Response response, String url, String reason) {
    assertEquals(422, response.status(), url + " -> " + response.body());
    assertTrue(
        response.contentType().startsWith("application/problem+json"),
        response.contentType() + ": " + response.body());
    JsonObject problem = response.json();
    assertEquals("url", problem.getString("field"), problem.toString());
    assertTrue(
        problem.toString().toLowerCase(java.util.Locale.ROOT).contains(reason.toLowerCase()),
        "the refusal of " + url + " should say '" + reason + "': " + problem);
  }

  /** An admin request with a JSON body. */
  private static Api.Response adminSends(String method, String path, JsonValue body) {
    return admin.send(method, path, body.toString(), "application/json", TestStack.ADMIN_TOKEN);
  }

  private static List<String> endpointIds(String app) {
    return admin.get("/api/v1/app/" + app + "/endpoint").json().getJsonArray("data").stream()
        .map(e -> e.asJsonObject().getString("id"))
        .toList();
  }

  @Order(1)
  @ParameterizedTest(name = "[{index}] {0}: {1}")
  @MethodSource("forms")
  void refusedWhenAnEndpointIsCreated(String form, String url, String reason) {
    try {
      assertRefusedUrl(
          admin.post(
              "/api/v1/app/" + ssrfApp + "/endpoint",
              Json.createObjectBuilder().add("url", url).build()),
          url,
          reason);
      // Svix's PUT of a uid nothing has yet creates the endpoint.
      assertRefusedUrl(
          adminSends(
              "PUT",
              "/api/v1/app/" + ssrfApp + "/endpoint/new-" + Integer.toHexString(url.hashCode()),
              Json.createObjectBuilder().add("url", url).build()),
          url,
          reason);
      assertEquals(List.of(ssrfEndpoint), endpointIds(ssrfApp), "nothing was created");
    } finally {
      // A form that got through fails its own case only, not the ones after it.
      for (String created : endpointIds(ssrfApp)) {
        if (!created.equals(ssrfEndpoint)) {
          admin.send(
              "DELETE",
              "/api/v1/app/" + ssrfApp + "/endpoint/" + created,
              null,
              null,
              TestStack.ADMIN_TOKEN);
        }
      }
    }
  }

  @Order(2)
  @ParameterizedTest(name = "[{index}] {0}: {1}")
  @MethodSource("forms")
  void refusedWhenAnEndpointIsChanged(String form, String url, String reason) {
    String path = "/api/v1/app/" + ssrfApp + "/endpoint/" + ssrfEndpoint;
    try {
      assertRefusedUrl(
          adminSends("PATCH", path, Json.createObjectBuilder().add("url", url).build()),
          url,
          reason);
      assertRefusedUrl(
          adminSends("PUT", path, Json.createObjectBuilder().add("url", url).build()), url, reason);
      assertEquals(PUBLIC_URL, admin.get(path).json().getString("url"), "the URL is unchanged");
    } finally {
      if (!PUBLIC_URL.equals(admin.get(path).json().getString("url"))) {
        adminSends("PATCH", path, Json.createObjectBuilder().add("url", PUBLIC_URL).build());
      }
    }
  }

  /** Accepts connections and counts them: what reaches it got past the target check. */
  static final class Listener implements AutoCloseable {
    final ServerSocket socket;
    final AtomicInteger connections = new AtomicInteger();

    Listener() {
      try {
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Thread accepting =
          new Thread(
              () -> {
                while (!socket.isClosed()) {
                  try (Socket ignored = socket.accept()) {
                    connections.incrementAndGet();
                  } catch (IOException closed) {
                    return;
                  }
                }
              },
              "SecurityIT-listener");
      accepting.setDaemon(true);
      accepting.start();
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }

  /**
   * DNS rebinding: the name answered with a public address when the endpoint was saved and answers
   * with loopback when the message is delivered. Every try is refused before connecting; nothing
   * reaches the listener on that loopback port.
   */
  @Order(3)
  @Test
  void aNameThatTurnsToLoopbackAfterSavingIsRefusedAtDelivery() throws IOException {
    try (Listener listener = new Listener()) {
      String app = createApp(admin, "rebind");
      String url = "https://rebind.hookline.test:" + listener.socket.getLocalPort() + "/hook";
      admin.create(
          "/api/v1/app/" + app + "/endpoint", Json.createObjectBuilder().add("url", url).build());

      ProductionNode.answer("rebind.hookline.test", "127.0.0.1");
      String message = sendMessage(app);

      List<JsonObject> attempts =
          Eventually.await(
              "every try at " + message,
              WAIT,
              () -> attempts(app, message),
              a -> a.size() == TestStack.MAX_ATTEMPTS);
      for (JsonObject attempt : attempts) {
        String error = attempt.getString("error", "");
        assertTrue(
            error.contains("rebind.hookline.test resolves to 127.0.0.1, a loopback address"),
            attempt.toString());
        assertEquals(0, attempt.getInt("responseStatusCode"), attempt.toString());
      }
      assertEquals(0, listener.connections.get(), "a try connected to the loopback listener");
    }
  }

  /**
   * Payara Micro runs on the IPv4 stack alone (its payara-boot.properties set {@code
   * java.net.preferIPv4Stack=true}): a name whose only answer is ::1 does not resolve there, so it
   * is saved like any name that does not resolve yet, and every try is refused before connecting.
   */
  @Order(3)
  @Test
  void aNameThatAnswersOnlyIpv6LoopbackIsNeverCalled() {
    String app = createApp(admin, "v6");
    admin.create(
        "/api/v1/app/" + app + "/endpoint",
        Json.createObjectBuilder().add("url", "https://v6-loopback.hookline.test/hook").build());
    String message = sendMessage(app);
    JsonObject first =
        Eventually.await(
                "a try at " + message, WAIT, () -> attempts(app, message), a -> !a.isEmpty())
            .get(0);
    assertTrue(
        first.getString("error", "").contains("v6-loopback.hookline.test does not resolve"),
        first.toString());
  }

  private static String sendMessage(String app) {
    Api.Response sent =
        admin.post(
            "/api/v1/app/" + app + "/msg",
            Json.createObjectBuilder()
                .add("eventType", "ssrf.test")
                .add("payload", Json.createObjectBuilder())
                .build());
    assertEquals(202, sent.status(), sent.body());
    return sent.json().getString("id");
  }

  private static List<JsonObject> attempts(String app, String message) {
    return admin
        .get("/api/v1/app/" + app + "/attempt/msg/" + message)
        .json()
        .getJsonArray("data")
        .stream()
        .map(JsonValue::asJsonObject)
        .toList();
  }

  // ---------------------------------------------------------------------------------------------
  // One app's token against another app

  static String appA;
  static String appB;
  static String tokenA;
  static Api asA;
  static Map<String, String> ids;

  /** What the admin sees of app B; nothing A tries may change it. */
  static Map<String, String> snapshotOfB;

  /** Apps A and B, each with an endpoint and a message, and a token for A. */
  static void twoAppsAndATokenForOne() {
    appA = createApp(admin, "tenant A");
    appB = createApp(admin, "tenant B");
    tokenA =
        admin
            .create("/api/v1/app/" + appA + "/token", JsonValue.EMPTY_JSON_OBJECT)
            .getString("token");
    asA = ProductionNode.api(tokenA);
    // Names that do not resolve: saved (they may exist later), and every try fails at once.
    ids = new java.util.HashMap<>();
    ids.put("A", appA);
    ids.put("B", appB);
    ids.put("epA", endpoint(appA, "https://a.hookline.invalid/hook", "a-endpoint"));
    ids.put("epB", endpoint(appB, "https://b.hookline.invalid/hook", "b-endpoint"));
    ids.put("mA", message(appA, "a-event"));
    ids.put("mB", message(appB, "b-event"));
    ids.put("eventB", "b-event");
    ids.put("uidB", "b-endpoint");
  }

  /**
   * Once the tries at both messages have ended (so B stands still), B is recorded as the admin sees
   * it; A's token reads A's own endpoint, message and attempts, so a 404 below is not a bad token.
   */
  @Order(4)
  @Test
  void anAppTokenReachesItsOwnApp() {
    for (String app : List.of("A", "B")) {
      String path = "/api/v1/app/" + ids.get(app) + "/msg/" + ids.get("m" + app) + "/endpoint";
      Eventually.await(
          "the tries at " + path + " to end",
          WAIT,
          () -> admin.get(path).json().getJsonArray("data").getJsonObject(0).getInt("status"),
          status -> status == 2);
    }
    List<JsonObject> attemptsB = attempts(appB, ids.get("mB"));
    assertEquals(TestStack.MAX_ATTEMPTS, attemptsB.size(), attemptsB.toString());
    ids.put("attB", attemptsB.get(0).getString("id"));
    snapshotOfB = snapshotOfB();

    for (String path :
        List.of(
            "/api/v1/app/" + appA + "/endpoint/" + ids.get("epA"),
            "/api/v1/app/" + appA + "/endpoint/" + ids.get("epA") + "/secret",
            "/api/v1/app/" + appA + "/msg/" + ids.get("mA"),
            "/api/v1/app/" + appA + "/msg/a-event",
            "/api/v1/app/" + appA + "/attempt/msg/" + ids.get("mA"))) {
      Api.Response own = asA.get(path);
      assertEquals(200, own.status(), path + ": " + own.body());
    }
  }

  private static String endpoint(String app, String url, String uid) {
    return admin
        .create(
            "/api/v1/app/" + app + "/endpoint",
            Json.createObjectBuilder().add("url", url).add("uid", uid).build())
        .getString("id");
  }

  private static String message(String app, String eventId) {
    Api.Response sent =
        admin.post(
            "/api/v1/app/" + app + "/msg",
            Json.createObjectBuilder()
                .add("eventType", "tenant.test")
                .add("eventId", eventId)
                .add("payload", Json.createObjectBuilder().add("secret", app))
                .build());
    assertEquals(202, sent.status(), sent.body());
    return sent.json().getString("id");
  }

  private static Map<String, String> snapshotOfB() {
    String b = "/api/v1/app/" + appB;
    String epB = ids.get("epB");
    String mB = ids.get("mB");
    return Map.of(
        "endpoints", admin.get(b + "/endpoint").body(),
        "endpoint", admin.get(b + "/endpoint/" + epB).body(),
        "secret", admin.get(b + "/endpoint/" + epB + "/secret").body(),
        "headers", admin.get(b + "/endpoint/" + epB + "/headers").body(),
        "messages", admin.get(b + "/msg").body(),
        "attempts", admin.get(b + "/attempt/msg/" + mB).body(),
        "deliveries", admin.get(b + "/msg/" + mB + "/endpoint").body());
  }

  /**
   * Each call: its name, method, path ({@code {B}}, {@code {epB}} ... stand for the ids) and body.
   */
  static Stream<Arguments> crossAppCalls() {
    JsonObject newEndpoint = Json.createObjectBuilder().add("url", PUBLIC_URL).build();
    JsonObject newMessage =
        Json.createObjectBuilder()
            .add("eventType", "tenant.test")
            .add("payload", Json.createObjectBuilder())
            .build();
    JsonObject rename = Json.createObjectBuilder().add("description", "taken over").build();
    JsonObject empty = JsonValue.EMPTY_JSON_OBJECT;
    return Stream.of(
        // Under B's path
        call("create an endpoint in B", "POST", "/app/{B}/endpoint", newEndpoint),
        call("create an endpoint in B by PUT", "PUT", "/app/{B}/endpoint/mine", newEndpoint),
        call("replace B's endpoint", "PUT", "/app/{B}/endpoint/{epB}", newEndpoint),
        call("patch B's endpoint", "PATCH", "/app/{B}/endpoint/{epB}", rename),
        call("delete B's endpoint", "DELETE", "/app/{B}/endpoint/{epB}", null),
        call("create a message in B", "POST", "/app/{B}/msg", newMessage),
        call("resend B's message", "POST", "/app/{B}/msg/{mB}/endpoint/{epB}/resend", null),
        call("rotate B's secret", "POST", "/app/{B}/endpoint/{epB}/secret/rotate", empty),
        call("read B's message", "GET", "/app/{B}/msg/{mB}", null),
        call("read B's endpoint", "GET", "/app/{B}/endpoint/{epB}", null),
        call("read B's secret", "GET", "/app/{B}/endpoint/{epB}/secret", null),
        call("list B's attempts by message", "GET", "/app/{B}/attempt/msg/{mB}", null),
        call("list B's attempts by endpoint", "GET", "/app/{B}/attempt/endpoint/{epB}", null),
        call("read B's attempt", "GET", "/app/{B}/msg/{mB}/attempt/{attB}", null),
        // Under A's own path, with B's ids
        call("replace B's endpoint from A", "PUT", "/app/{A}/endpoint/{epB}", newEndpoint),
        call("patch B's endpoint from A", "PATCH", "/app/{A}/endpoint/{epB}", rename),
        call("delete B's endpoint from A", "DELETE", "/app/{A}/endpoint/{epB}", null),
        call("resend B's message to B", "POST", "/app/{A}/msg/{mB}/endpoint/{epB}/resend", null),
        call("resend A's message to B", "POST", "/app/{A}/msg/{mA}/endpoint/{epB}/resend", null),
        call("resend B's message to A", "POST", "/app/{A}/msg/{mB}/endpoint/{epA}/resend", null),
        call("rotate B's secret from A", "POST", "/app/{A}/endpoint/{epB}/secret/rotate", empty),
        call(
            "send an example to B's endpoint",
            "POST",
            "/app/{A}/endpoint/{epB}/send-example",
            Json.createObjectBuilder().add("eventType", "svix.ping").build()),
        call(
            "recover B's endpoint from A",
            "POST",
            "/app/{A}/endpoint/{epB}/recover",
            Json.createObjectBuilder().add("since", "2026-01-01T00:00:00Z").build()),
        call("read B's message from A", "GET", "/app/{A}/msg/{mB}", null),
        call("read B's message by eventId from A", "GET", "/app/{A}/msg/{eventB}", null),
        call("read B's endpoint from A", "GET", "/app/{A}/endpoint/{epB}", null),
        call("read B's endpoint by uid from A", "GET", "/app/{A}/endpoint/{uidB}", null),
        call("read B's secret from A", "GET", "/app/{A}/endpoint/{epB}/secret", null),
        call("read B's headers from A", "GET", "/app/{A}/endpoint/{epB}/headers", null),
        call("list B's attempts by message from A", "GET", "/app/{A}/attempt/msg/{mB}", null),
        call(
            "list B's attempts by endpoint from A", "GET", "/app/{A}/attempt/endpoint/{epB}", null),
        call("read B's attempt from A", "GET", "/app/{A}/msg/{mB}/attempt/{attB}", null),
        call("list B's message's endpoints from A", "GET", "/app/{A}/msg/{mB}/endpoint", null));
  }

  private static Arguments call(String name, String method, String path, JsonObject body) {
    return Arguments.of(name, method, path, body);
  }

  @Order(5)
  @ParameterizedTest(name = "[{index}] {0}: {1} {2}")
  @MethodSource("crossAppCalls")
  void anAppTokenFindsNothingOfAnotherApp(
      String name, String method, String template, JsonObject body) {
    String path = "/api/v1" + template;
    for (Map.Entry<String, String> id : ids.entrySet()) {
      path = path.replace("{" + id.getKey() + "}", id.getValue());
    }
    Api.Response response =
        asA.send(
            method,
            path,
            body == null ? null : body.toString(),
            body == null ? null : "application/json",
            tokenA);
    assertEquals(404, response.status(), method + " " + path + ": " + response.body());
    assertTrue(
        response.contentType().startsWith("application/problem+json"), response.contentType());
  }

  @Order(6)
  @Test
  void appBIsAsItWas() {
    Map<String, String> now = snapshotOfB();
    for (String part : snapshotOfB.keySet()) {
      assertEquals(snapshotOfB.get(part), now.get(part), "B's " + part);
    }
    assertEquals(List.of(ids.get("epA")), endpointIds(appA), "A gained no endpoint");
  }
}
