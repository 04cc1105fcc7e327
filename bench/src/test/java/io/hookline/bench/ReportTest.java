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
            10);
    Report report =
        new Report(
            BenchOptions.parse(), Optional.empty(), List.of(scenario), Map.of(), 0, Map.of());
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    report.print(new PrintStream(text, true, StandardCharsets.UTF_8));
    String printed = text.toString(StandardCharsets.UTF_8);
    String row =
        printed
            .lines()
            .filter(line -> line.startsWith("ingest, fan-out 1") && line.contains("("))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no CPU row in:\n" + printed));
    assertTrue(row.contains("1.50 (0.50)"), row);
    assertTrue(row.trim().endsWith("0.25"), "PostgreSQL has no JIT: " + row);
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
            settings);
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    report.print(new PrintStream(text, true, StandardCharsets.UTF_8));
    String printed = text.toString(StandardCharsets.UTF_8);
    assertTrue(printed.contains("PostgreSQL: fsync on, autovacuum off."), printed);
    try (JsonReader reader = Json.createReader(Files.newBufferedReader(report.write()))) {
      JsonObject written = reader.readObject().getJsonObject("postgresqlSettings");
      assertEquals("off", written.getString("autovacuum"));
      assertEquals("on", written.getString("fsync"));
    }
  }
}
