package io.hookline.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {

  @Test
  void theCpuTableGivesCoresBusyAndTheJitsPartOfThemForJvmsOnly() {
    Latencies.Summary latency = new Latencies.Summary(100, 1, 2, 3, 4, List.of());
    LoadGenerator.Result load =
        new LoadGenerator.Result(100, 100, 0, Duration.ofSeconds(10), latency, List.of());
    Map<String, Double> cpu = new LinkedHashMap<>();
    cpu.put("payara-micro", 15.0);
    cpu.put("postgresql", 2.5);
    Map<String, Double> jit = new LinkedHashMap<>();
    jit.put("payara-micro", 5.0);
    jit.put("postgresql", 0.0);
    Scenario scenario =
        new Scenario(
            "ingest, fan-out 1",
            "closed loop, 32 clients",
            1,
            load,
            100,
            100,
            0,
            0,
            10,
            Duration.ZERO,
            latency,
            cpu,
            jit,
            10,
            false);
    Report report =
        new Report(
            BenchOptions.parse(),
            Optional.empty(),
            List.of(scenario),
            Map.of(),
            0,
            Map.of(),
            "Java 25");
    String printed = printed(report);
    String row =
        printed
            .lines()
            .filter(line -> line.startsWith("ingest, fan-out 1") && line.contains("("))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no CPU row in:\n" + printed));
    assertTrue(row.contains("1.50 (0.50)"), row);
    assertTrue(row.contains(" 0.25 "), "PostgreSQL has no JIT: " + row);
    // (15 + 2.5) s over 100 messages.
    assertTrue(row.trim().endsWith("175.000"), "the servers' CPU per message: " + row);
  }

  @Test
  void thePostgresqlSettingsTheRunHadArePrintedAndWritten(@TempDir Path out) throws Exception {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("fsync", "on");
    settings.put("autovacuum", "off");
    Report report =
        new Report(
            BenchOptions.parse("--out", out.toString()),
            Optional.empty(),
            List.of(),
            Map.of(),
            0,
            settings,
            "Java 25");
    String printed = printed(report);
    assertTrue(printed.contains("PostgreSQL: fsync on, autovacuum off."), printed);
    try (JsonReader reader = Json.createReader(Files.newBufferedReader(report.write()))) {
      JsonObject written = reader.readObject().getJsonObject("postgresqlSettings");
      assertEquals("off", written.getString("autovacuum"));
      assertEquals("on", written.getString("fsync"));
    }
  }

  @Test
  void theYoungNodeIsReportedBesideTheSettledOneAndAMessagesCpuInPgbenchCommits(@TempDir Path out)
      throws Exception {
    Scenario young = single("young: ingest, fan-out 1", 100, true);
    Scenario settled = single("ingest, fan-out 1", 400, false);
    Report report =
        new Report(
            BenchOptions.parse("--out", out.toString()),
            Optional.of(new Ceiling.Measured(8000, 0.2)),
            List.of(young, settled),
            Map.of(),
            0,
            Map.of(),
            "Java 25");
    String printed = printed(report);
    assertTrue(printed.contains("settled 400/s, young 100/s: 0.25 of settled"), printed);
    assertTrue(printed.contains("settled is 0.050 of the ceiling"), printed);
    // Settled: 4,000 messages; the servers used 4 + 2 s, the benchmark's 1 s does not count.
    assertTrue(printed.contains("the servers' 1.500 ms is 7.5 pgbench commits"), printed);
    try (JsonReader reader = Json.createReader(Files.newBufferedReader(report.write()))) {
      JsonObject stages = reader.readObject().getJsonObject("youngAndSettled");
      assertEquals(0.25, stages.getJsonNumber("youngSingleShareOfSettled").doubleValue(), 1e-9);
      assertEquals(0.05, stages.getJsonNumber("settledSingleShareOfCeiling").doubleValue(), 1e-9);
    }
  }

  @Test
  void aSettledPhaseThatAcceptedNothingStillWritesTheResultsAndSaysWhy(@TempDir Path out)
      throws Exception {
    Report report =
        new Report(
            BenchOptions.parse("--out", out.toString()),
            Optional.of(new Ceiling.Measured(8000, Double.NaN)),
            List.of(single("young: ingest, fan-out 1", 100, true), single("ingest", 0, false)),
            Map.of(),
            0,
            Map.of(),
            "Java 25");
    printed(report);
    try (JsonReader reader = Json.createReader(Files.newBufferedReader(report.write()))) {
      JsonObject written = reader.readObject();
      assertTrue(
          written.getJsonArray("problems").toString().contains("ingest: nothing was accepted"),
          written.toString());
      assertTrue(
          !written.getJsonObject("youngAndSettled").containsKey("youngSingleShareOfSettled"));
      assertTrue(!written.getJsonObject("ceiling").containsKey("cpuMsPerCommit"));
    }
  }

  /** Ten seconds of single messages at {@code rate}, the servers using 6 s of CPU and bench 1 s. */
  private static Scenario single(String name, int rate, boolean young) {
    Latencies.Summary latency = new Latencies.Summary(100, 1, 2, 3, 4, List.of());
    long accepted = rate * 10L;
    LoadGenerator.Result load =
        new LoadGenerator.Result(accepted, accepted, 0, Duration.ofSeconds(10), latency, List.of());
    Map<String, Double> cpu = new LinkedHashMap<>();
    cpu.put("payara-micro", 4.0);
    cpu.put("postgresql", 2.0);
    cpu.put("bench", 1.0);
    return new Scenario(
        name,
        "closed loop, 32 clients",
        1,
        load,
        accepted,
        accepted,
        0,
        0,
        10,
        Duration.ZERO,
        latency,
        cpu,
        Map.of(),
        10,
        young);
  }

  private static String printed(Report report) {
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    report.print(new PrintStream(text, true, StandardCharsets.UTF_8));
    return text.toString(StandardCharsets.UTF_8);
  }
}
