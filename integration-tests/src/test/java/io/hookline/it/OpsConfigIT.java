package io.hookline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hookline.devstack.LocalStack;
import jakarta.json.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The operations files in server-config/ are checked by the tools that run them (promtool,
 * systemd-analyze), and every metric the alert rules and the Grafana dashboard name exists in a
 * real scrape of a node after traffic that makes each of them.
 */
class OpsConfigIT extends MicroTest {
  static final Path SERVER_CONFIG = Path.of("..", "server-config");
  static final Pattern METRIC =
      Pattern.compile("\\b((?:webhook|circuit_breaker|rate_limit|worker_health)_[a-z_]*[a-z])\\b");

  /** Runs a command; fails with its output unless it exits 0 and, if asked, prints nothing. */
  static String run(boolean quiet, Path dir, String... command) throws Exception {
    Process process =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), String.join(" ", command) + " hung");
    assertEquals(0, process.exitValue(), String.join(" ", command) + ":\n" + output);
    if (quiet) {
      assertEquals("", output.trim(), String.join(" ", command) + " warned");
    }
    return output;
  }

  @Test
  void prometheusConfigAndAlertRulesPassPromtoolAndTheirUnitTests() throws Exception {
    Path prometheus = SERVER_CONFIG.resolve("prometheus");
    run(false, prometheus, "promtool", "check", "config", "prometheus.yml");
    run(false, prometheus, "promtool", "check", "rules", "alerts.yml");
    String tested = run(false, prometheus, "promtool", "test", "rules", "alerts-test.yml");
    assertTrue(tested.contains("SUCCESS"), tested);
    // The compose file's Prometheus: its config beside the rules, as compose mounts them.
    Path compose = Files.createTempDirectory("compose-prometheus");
    Files.copy(Path.of("..", "docker", "prometheus.yml"), compose.resolve("prometheus.yml"));
    Files.copy(prometheus.resolve("alerts.yml"), compose.resolve("alerts.yml"));
    run(false, compose, "promtool", "check", "config", "prometheus.yml");
  }

  @Test
  void systemdUnitsVerify() throws Exception {
    // systemd-analyze checks the executables exist: a scratch root holds stand-ins for them and
    // the system's own units.
    Path root = Files.createTempDirectory("systemd-root");
    Path units = Files.createDirectories(root.resolve("etc/systemd/system"));
    try (Stream<Path> files = Files.list(SERVER_CONFIG.resolve("systemd"))) {
      for (Path unit : files.filter(f -> f.toString().endsWith(".service")).toList()) {
        Files.copy(unit, units.resolve(unit.getFileName()));
      }
    }
    for (String executable : List.of("var/lib/hookline/artemis/bin/artemis", "usr/bin/java")) {
      Path stand = root.resolve(executable);
      Files.createDirectories(stand.getParent());
      Files.writeString(stand, "#!/bin/sh\n");
      stand.toFile().setExecutable(true);
    }
    Path system = Path.of("/lib/systemd/system");
    Files.createDirectories(root.resolve("lib/systemd"));
    Files.createSymbolicLink(root.resolve("lib/systemd/system"), system.toRealPath());
    run(
        true,
        Path.of("."),
        "systemd-analyze",
        "verify",
        "--root=" + root.toAbsolutePath(),
        "hookline-artemis.service",
        "hookline-node@1.service");
  }

  @Test
  void aSystemdNodeRunsItsDeliveriesAtThePriorityTheTestsCheck() throws Exception {
    // DeliveryIT checks the consumers' nice on a node started with LocalStack's options.
    String unit = Files.readString(SERVER_CONFIG.resolve("systemd/hookline-node@.service"));
    for (String option : LocalStack.PRIORITY_OPTS.split(" ")) {
      assertTrue(unit.contains(" " + option + " "), "hookline-node@.service lacks " + option);
    }
  }

  @Test
  void theDockerImageRunsItsDeliveriesAtThePriorityTheTestsCheck() throws Exception {
    // The Payara Server image's start script passes JVM_ARGS to the server's JVM.
    Matcher jvmArgs =
        Pattern.compile("(?m)^ENV JVM_ARGS=\"([^\"]*)\"$")
            .matcher(Files.readString(Path.of("..", "docker", "payara-server", "Dockerfile")));
    assertTrue(jvmArgs.find(), "docker/payara-server/Dockerfile sets no JVM_ARGS");
    List<String> given = List.of(jvmArgs.group(1).split(" "));
    for (String option : LocalStack.PRIORITY_OPTS.split(" ")) {
      assertTrue(given.contains(option), "the Payara Server image's JVM_ARGS lack " + option);
    }
  }

  @Test
  void everyMetricTheAlertsAndTheDashboardUseExistsInARealScrape() throws Exception {
    Set<String> named = new TreeSet<>();
    for (Path file :
        List.of(
            SERVER_CONFIG.resolve("prometheus/alerts.yml"),
            SERVER_CONFIG.resolve("grafana/hookline-dashboard.json"))) {
      Matcher matcher = METRIC.matcher(Files.readString(file));
      while (matcher.find()) {
        named.add(matcher.group(1));
      }
    }
    assertTrue(named.size() >= 8, "metrics found in the rules and dashboard: " + named);

    makeEveryMetric();
    String scrape = api.send("GET", "/metrics", null, null, null).body();
    List<String> missing = new ArrayList<>();
    for (String metric : named) {
      if (scrape
          .lines()
          .noneMatch(line -> line.startsWith(metric + "{") || line.startsWith(metric + " "))) {
        missing.add(metric);
      }
    }
    assertEquals(List.of(), missing, "named in server-config but not scraped:\n" + scrape);
  }

  /** Traffic that makes each of Hookline's metrics appear at least once. */
  private static void makeEveryMetric() {
    String app = createApp("ops-config");
    // A success, and (rate limit 1) a rate-limit hit.
    api.create(
        "/api/v1/app/" + app + "/endpoint",
        Json.createObjectBuilder()
            .add("url", receiver.url("/ops-ok"))
            .add("rateLimit", 1)
            .add("eventTypes", Json.createArrayBuilder().add("ok.*"))
            .build());
    sendMessage(app, "ok.one");
    sendMessage(app, "ok.two");
    // One delivery failing every try until it dies; five more to open another endpoint's breaker.
    receiver.scriptRepeated("/ops-dead", 100, 500);
    api.create(
        "/api/v1/app/" + app + "/endpoint",
        Json.createObjectBuilder()
            .add("url", receiver.url("/ops-dead"))
            .add("eventTypes", Json.createArrayBuilder().add("dead.*"))
            .build());
    sendMessage(app, "dead.test");
    receiver.scriptRepeated("/ops-down", 100, 500);
    api.create(
        "/api/v1/app/" + app + "/endpoint",
        Json.createObjectBuilder()
            .add("url", receiver.url("/ops-down"))
            .add("eventTypes", Json.createArrayBuilder().add("down.*"))
            .build());
    for (int i = 0; i < 5; i++) {
      sendMessage(app, "down.test");
    }
    // An inbound event.
    String source =
        api.create(
                "/api/v1/source",
                Json.createObjectBuilder()
                    .add("name", "ops")
                    .add("type", "generic")
                    .add("unauthenticated", true)
                    .build())
            .getString("id");
    api.send(
        "POST",
        "/ingest/" + source,
        "{\"event_id\":\"e\",\"event_type\":\"t.x\",\"occurred_at\":\"2026-11-23T10:00:00Z\",\"payload\":{}}",
        "application/json",
        null,
        java.util.Map.of());
    // Old delivered rows for the retention job to remove.
    receiver.await("/ops-ok", 2, WAIT);
    awaitDeliveredRows(app, 2);
    Sql.update(
        TestStack.microDatabase(),
        "update delivery set delivered_at = delivered_at - interval '40 days' where status ="
            + " 'DELIVERED' and message_id in (select id from message where app_id = ?)",
        app);
    Eventually.await(
        "a dead letter, a breaker opened, and the retention job's work",
        WAIT,
        () -> api.send("GET", "/metrics", null, null, null).body(),
        scrape ->
            scrape.contains("webhook_dead_letters_total")
                && scrape.contains("circuit_breaker_opens_total{")
                && scrape.contains("webhook_retention_deleted_total{"));
  }
}
