package io.hookline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hookline.devstack.Database;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The EAR on Payara Server Full, deployed by the same script docs/deployment.md tells operators to
 * use (server-config/payara-server/deploy-ear.sh), then used like any client would.
 */
class EarOnPayaraServerIT {
  private static final String DOMAIN = "hookline-it";
  private static final int PORT_BASE = 28000;
  private static Path payaraHome;
  private static Receiver receiver;
  private static Api api;

  @BeforeAll
  static void deploy() throws Exception {
    payaraHome = Path.of(System.getProperty("payara.server.home"));
    Path repo = Path.of(System.getProperty("hookline.repo.dir")).toAbsolutePath().normalize();
    Database db = TestStack.database("hookline_it_ear");
    Path log = TestStack.itDir().resolve("deploy-ear.log");
    Files.createDirectories(log.getParent());
    ProcessBuilder deploy =
        new ProcessBuilder(
                List.of(
                    repo.resolve("server-config/payara-server/deploy-ear.sh").toString(),
                    "--payara-home",
                    payaraHome.toString(),
                    "--domain",
                    DOMAIN,
                    "--portbase",
                    Integer.toString(PORT_BASE),
                    "--ear",
                    TestStack.files().ear().toString(),
                    "--rar",
                    TestStack.files().artemisRar().toString()))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    deploy.environment().putAll(TestStack.applicationEnvironment(db));
    Process process = deploy.start();
    assertTrue(process.waitFor(6, TimeUnit.MINUTES), "deploy-ear.sh finished in time; see " + log);
    assertEquals(0, process.exitValue(), "deploy-ear.sh failed:\n" + Files.readString(log));
    api = new Api("http://127.0.0.1:" + (PORT_BASE + 80), TestStack.ADMIN_TOKEN);
    receiver = Receiver.start();
  }

  @AfterAll
  static void stop() throws Exception {
    if (receiver != null) {
      receiver.close();
    }
    new ProcessBuilder(payaraHome.resolve("bin/asadmin").toString(), "stop-domain", DOMAIN)
        .inheritIO()
        .start()
        .waitFor(2, TimeUnit.MINUTES);
  }

  /**
   * The OpenAPI filter is configured in the ejb module's config file, which Payara Server reads for
   * the whole EAR: its document has no Payara-only top-level key and documents problem+json. The
   * bodies' schemas come from the WAR's META-INF/openapi.yaml, and every reference resolves.
   */
  @Test
  void theEarsOpenApiDocumentIsFiltered() {
    Api.Response document = api.get("/openapi?format=JSON");
    assertEquals(200, document.status(), document.body());
    JsonObject json = document.json();
    assertFalse(json.containsKey("endpoints"), "a top-level endpoints key: " + json.keySet());
    assertTrue(
        json.getJsonObject("components").getJsonObject("schemas").containsKey("Problem"),
        "no Problem schema");
    assertTrue(
        json.getJsonObject("components").getJsonObject("schemas").containsKey("ApplicationOut"),
        "no ApplicationOut schema: " + json.getJsonObject("components").keySet());
    java.util.regex.Matcher ref =
        java.util.regex.Pattern.compile("\"#/components/schemas/([A-Za-z]+)\"")
            .matcher(document.body());
    while (ref.find()) {
      assertTrue(
          json.getJsonObject("components").getJsonObject("schemas").containsKey(ref.group(1)),
          "a reference to a missing schema: " + ref.group(1));
    }
  }

  @Test
  void aMessagePostedToTheEarIsDeliveredSigned() throws Exception {
    String secret =
        "whsec_"
            + java.util.Base64.getEncoder().encodeToString("payara-server-ear-secret".getBytes());
    String app =
        api.create(
                "/api/v1/app",
                Json.createObjectBuilder().add("name", "EAR").add("uid", "ear").build())
            .getString("id");
    api.create(
        "/api/v1/app/ear/endpoint",
        Json.createObjectBuilder().add("url", receiver.url("/ear")).add("secret", secret).build());

    Api.Response accepted =
        api.post(
            "/api/v1/app/ear/msg",
            Json.createObjectBuilder()
                .add("eventType", "ear.works")
                .add("payload", Json.createObjectBuilder().add("on", "payara-server"))
                .build());
    assertEquals(202, accepted.status(), accepted.body());
    String messageId = accepted.json().getString("id");

    Receiver.Received request = receiver.await("/ear", 1, Duration.ofSeconds(60)).get(0);
    assertEquals(messageId, request.header("webhook-id"));
    assertTrue(StandardWebhooks.verifies(secret, request));
    JsonArray attempts =
        Eventually.await(
            "the attempt recorded",
            Duration.ofSeconds(30),
            () -> AttemptLists.oldestFirst(api, app, messageId),
            a -> !a.isEmpty());
    assertEquals(AttemptLists.SUCCESS, attempts.getJsonObject(0).getInt("status"));
    // deploy-ear.sh gave the domain the JVM options that let the consumers run below the API.
    long serverPid =
        Long.parseLong(
            Files.readString(payaraHome.resolve("glassfish/domains/" + DOMAIN + "/config/pid"))
                .strip());
    ThreadNice.assertDeliveriesRunBelowTheApi(serverPid);

    // MicroProfile Metrics works in the EAR's ejb module too.
    Api.Response metrics = api.send("GET", "/metrics", null, null, null);
    assertEquals(200, metrics.status());
    String endpointId = attempts.getJsonObject(0).getString("endpointId");
    assertTrue(
        metrics
            .body()
            .lines()
            .anyMatch(
                line ->
                    line.startsWith("webhook_deliveries_total{")
                        && line.contains(endpointId)
                        && line.contains("status=\"success\"")),
        "webhook_deliveries_total for " + endpointId);
  }

  @Test
  void aProviderEventIngestedByTheEarIsForwardedAndDelivered() throws Exception {
    String app =
        api.create(
                "/api/v1/app",
                Json.createObjectBuilder().add("name", "EAR inbound").add("uid", "ear-in").build())
            .getString("id");
    api.create(
        "/api/v1/app/ear-in/endpoint",
        Json.createObjectBuilder().add("url", receiver.url("/ear-in")).build());
    String secret = "ear-github-secret";
    String source =
        api.create(
                "/api/v1/source",
                Json.createObjectBuilder()
                    .add("name", "GitHub on Server")
                    .add("type", "github")
                    .add("secret", secret)
                    .add("mode", "forward")
                    .add("forward", Json.createObjectBuilder().add("app", app))
                    .build())
            .getString("id");
    String body = "{\"ref\": \"refs/heads/main\"}";
    Api.Response accepted =
        api.send(
            "POST",
            "/ingest/" + source,
            body,
            "application/json",
            null,
            java.util.Map.of(
                "X-GitHub-Delivery", java.util.UUID.randomUUID().toString(),
                "X-GitHub-Event", "push",
                "X-Hub-Signature-256", IngestIT.gitHubSignature(secret, body)));
    assertEquals(202, accepted.status(), accepted.body());
    Receiver.Received request = receiver.await("/ear-in", 1, Duration.ofSeconds(60)).get(0);
    assertEquals(
        body.replace(" ", ""), new String(request.body(), java.nio.charset.StandardCharsets.UTF_8));
  }

  /**
   * Payara applies MicroProfile Fault Tolerance in an EAR's ejb module only because the WAR carries
   * an FT annotation (io.hookline.api.FaultToleranceSwitch): a dropped connection is retried at
   * once by @Retry, inside one try.
   */
  @Test
  void faultToleranceGuardsTheOutboundCallInTheEar() {
    api.create(
        "/api/v1/app",
        Json.createObjectBuilder().add("name", "EAR FT").add("uid", "ear-ft").build());
    receiver.script("/ear-ft", Receiver.Reply.dropConnection());
    api.create(
        "/api/v1/app/ear-ft/endpoint",
        Json.createObjectBuilder().add("url", receiver.url("/ear-ft")).build());
    String messageId =
        api.post(
                "/api/v1/app/ear-ft/msg",
                Json.createObjectBuilder()
                    .add("eventType", "ear.ft")
                    .add("payload", Json.createObjectBuilder())
                    .build())
            .json()
            .getString("id");

    receiver.await("/ear-ft", 2, Duration.ofSeconds(60));
    JsonArray attempts =
        Eventually.await(
            "the attempt",
            Duration.ofSeconds(30),
            () -> AttemptLists.oldestFirst(api, "ear-ft", messageId),
            a -> !a.isEmpty());
    assertEquals(1, attempts.size(), attempts.toString());
    assertEquals(AttemptLists.SUCCESS, attempts.getJsonObject(0).getInt("status"));
  }
}
