package io.hookline.bench;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.stream.JsonGenerator;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The run's results: a table for people, JSON for machines, and what makes the run invalid. */
public final class Report {
  private final BenchOptions options;
  private final Optional<Ceiling.Measured> ceiling;
  private final List<Scenario> scenarios;
  private final Map<String, ProcessWatch.Memory> peakMemory;
  private final long foreignRequests;
  private final Map<String, String> databaseSettings;
  private final String microJava;

  public Report(
      BenchOptions options,
      Optional<Ceiling.Measured> ceiling,
      List<Scenario> scenarios,
      Map<String, ProcessWatch.Memory> peakMemory,
      long foreignRequests,
      Map<String, String> databaseSettings,
      String microJava) {
    this.options = options;
    this.ceiling = ceiling;
    this.scenarios = List.copyOf(scenarios);
    this.peakMemory = peakMemory;
    this.foreignRequests = foreignRequests;
    this.databaseSettings = databaseSettings;
    this.microJava = microJava;
  }

  /** Why the figures cannot be trusted: lost or unverifiable deliveries, failed requests. */
  public List<String> broken() {
    List<String> problems = new ArrayList<>();
    for (Scenario scenario : scenarios) {
      if (scenario.load().accepted() == 0) {
        problems.add(scenario.name() + ": nothing was accepted");
      }
      if (!scenario.allDelivered()) {
        problems.add(
            String.format(
                "%s: %d of %d deliveries arrived within %s of the load's end",
                scenario.name(),
                scenario.delivered(),
                scenario.expectedDeliveries(),
                options.drainLimit()));
      }
      if (scenario.badSignatures() > 0) {
        problems.add(
            scenario.name() + ": " + scenario.badSignatures() + " signatures did not verify");
      }
    }
    if (foreignRequests > 0) {
      problems.add(foreignRequests + " requests reached the receiver without a benchmark payload");
    }
    return problems;
  }

  public void print(PrintStream out) {
    out.println();
    out.printf(
        "%-46s %10s %12s %15s %17s %9s %8s %5s%n",
        "scenario",
        "accepted/s",
        "deliveries/s",
        "API p50/p99 ms",
        "deliver p50/p99 ms",
        "behind",
        "drain s",
        "dups");
    for (Scenario s : scenarios) {
      out.printf(
          "%-46s %10.0f %12.0f %15s %17s %9d %8.1f %5d%n",
          s.name(),
          s.load().acceptedPerSecond(),
          s.deliveriesPerSecond(),
          pair(s.load().latency()),
          pair(s.endToEnd()),
          s.backlogAtEnd(),
          s.drain().toMillis() / 1000.0,
          s.duplicates());
    }
    printCpu(out);
    out.println();
    ceiling.ifPresent(
        measured ->
            out.printf(
                "Ceiling (pgbench, one insert per commit, 32 clients): %.0f/s, %s of"
                    + " PostgreSQL's and pgbench's CPU per commit.%n",
                measured.commitsPerSecond(), measured.cpuPerCommit()));
    printYoungAndSettled(out);
    if (!databaseSettings.isEmpty()) {
      out.println("PostgreSQL: " + DatabaseSettings.describe(databaseSettings) + ".");
    }
    out.println("Payara Micro ran on " + microJava + ".");
    out.print("Peak memory, RSS / PSS:");
    peakMemory.forEach(
        (name, memory) ->
            out.printf(" %s %.0f / %.0f MiB;", name, memory.rssMib(), memory.pssMib()));
    out.println();
    out.println("behind: deliveries still owed when the load stopped; drain: how long they took.");
  }

  /**
   * Cores each process group kept busy per scenario, and how much of that was its JIT compiling: on
   * two cores a young node's figures are as much the JIT's as Hookline's.
   */
  private void printCpu(PrintStream out) {
    List<String> groups =
        scenarios.stream().flatMap(s -> s.cpuSeconds().keySet().stream()).distinct().toList();
    if (groups.isEmpty()) {
      return;
    }
    out.println();
    out.println(
        "CPU over load and drain, cores busy (of which the JIT compiling), and the servers' CPU per"
            + " accepted message (in pgbench commits):");
    out.printf("%-46s", "scenario");
    groups.forEach(group -> out.printf(" %16s", group));
    out.printf(" %18s%n", "servers ms/msg");
    for (Scenario s : scenarios) {
      out.printf("%-46s", s.name());
      for (String group : groups) {
        double window = Math.max(s.cpuWindowSeconds(), 1e-9);
        double cores = s.cpuSeconds().getOrDefault(group, 0.0) / window;
        double jit = s.jitCpuSeconds().getOrDefault(group, 0.0) / window;
        out.printf(
            " %16s",
            jit > 0 ? String.format("%.2f (%.2f)", cores, jit) : String.format("%.2f", cores));
      }
      double server = serverCpuMs(s.cpuMsPerMessage());
      String inCommits =
          ceiling
              .map(c -> c.inCommits(server))
              .filter(Double::isFinite)
              .map(commits -> String.format(" (%.1f)", commits))
              .orElse("");
      out.printf(
          " %18s%n", Double.isFinite(server) ? String.format("%.3f", server) + inCommits : "n/a");
    }
  }

  /** The first single-message scenario from waiting clients of the young or the settled node. */
  Optional<Scenario> single(boolean young) {
    return scenarios.stream()
        .filter(s -> s.young() == young && s.kind().startsWith("closed") && s.fanout() == 1)
        .findFirst();
  }

  /** The first fixed-rate latency scenario of the young or the settled node. */
  Optional<Scenario> latency(boolean young) {
    return scenarios.stream()
        .filter(s -> s.young() == young && s.name().contains("latency at"))
        .findFirst();
  }

  /**
   * The young node beside the settled one, and what a settled single message costs: the figures a
   * change to start-up or to the hot path is judged by.
   */
  private void printYoungAndSettled(PrintStream out) {
    Optional<Scenario> settled = single(false);
    Optional<Scenario> young = single(true);
    out.println();
    out.println(
        "Young node (first load after start) and settled node (after "
            + options.warmUp().toSeconds()
            + " s of warm-up):");
    settled.ifPresent(
        s -> {
          out.printf(
              "  single messages, %d waiting clients: settled %.0f/s",
              options.clients(), s.load().acceptedPerSecond());
          young.ifPresent(
              y -> {
                out.printf(", young %.0f/s", y.load().acceptedPerSecond());
                if (s.load().accepted() > 0) {
                  out.printf(
                      ": %.2f of settled",
                      y.load().acceptedPerSecond() / s.load().acceptedPerSecond());
                }
                String rising = Bench.rates(y.load(), Duration.ofSeconds(10));
                if (!rising.isEmpty()) {
                  out.printf(" (by 10 s: %s)", rising);
                }
              });
          ceiling.ifPresent(
              c ->
                  out.printf(
                      "; settled is %.3f of the ceiling",
                      s.load().acceptedPerSecond() / c.commitsPerSecond()));
          out.println();
        });
    latency(false)
        .ifPresent(
            s -> {
              out.printf(
                  "  ingest-to-delivered p99 at %.0f/s: settled %.1f ms",
                  options.rate(), s.endToEnd().p99());
              latency(true).ifPresent(y -> out.printf(", young %.1f ms", y.endToEnd().p99()));
              out.println();
            });
    settled.ifPresent(
        s -> {
          Map<String, Double> perMessage = s.cpuMsPerMessage();
          double server = serverCpuMs(perMessage);
          out.print("  CPU per settled single message, its delivery included:");
          perMessage.forEach((group, ms) -> out.printf(" %s %.3f ms;", group, ms));
          ceiling
              .map(c -> c.inCommits(server))
              .filter(Double::isFinite)
              .ifPresent(
                  commits ->
                      out.printf(" the servers' %.3f ms is %.1f pgbench commits", server, commits));
          out.println();
        });
  }

  /**
   * The servers' CPU: every watched group but the benchmark's own JVM and its children; NaN when
   * Payara Micro was not watched (a running Hookline measured with {@code --url}).
   */
  static double serverCpuMs(Map<String, Double> perMessage) {
    if (!perMessage.containsKey("payara-micro")) {
      return Double.NaN;
    }
    return perMessage.entrySet().stream()
        .filter(e -> !e.getKey().equals("bench"))
        .mapToDouble(Map.Entry::getValue)
        .sum();
  }

  private static String pair(Latencies.Summary summary) {
    return String.format("%.1f / %.1f", summary.p50(), summary.p99());
  }

  public Path write() {
    JsonObjectBuilder root =
        Json.createObjectBuilder()
            .add("finishedAt", Instant.now().toString())
            .add("cores", Runtime.getRuntime().availableProcessors())
            .add("java", System.getProperty("java.version"))
            .add("payaraMicroJava", microJava)
            .add(
                "options",
                Json.createObjectBuilder()
                    .add("durationSeconds", options.duration().toSeconds())
                    .add("youngSeconds", options.young().toSeconds())
                    .add("warmUpSeconds", options.warmUp().toSeconds())
                    .add("rate", options.rate())
                    .add("clients", options.clients())
                    .add("batchSize", options.batchSize())
                    .add("backlog", options.backlog())
                    .add("smoke", options.smoke()));
    ceiling.ifPresent(
        measured -> {
          JsonObjectBuilder written =
              Json.createObjectBuilder()
                  .add("commitsPerSecond", measured.commitsPerSecond())
                  .add("clients", 32);
          addFinite(written, "cpuMsPerCommit", measured.cpuMsPerCommit());
          root.add("ceiling", written);
        });
    JsonObjectBuilder postgresql = Json.createObjectBuilder();
    databaseSettings.forEach(postgresql::add);
    root.add("postgresqlSettings", postgresql);
    JsonArrayBuilder list = Json.createArrayBuilder();
    for (Scenario s : scenarios) {
      JsonObjectBuilder cpu = Json.createObjectBuilder();
      s.cpuSeconds().forEach(cpu::add);
      JsonObjectBuilder jit = Json.createObjectBuilder();
      s.jitCpuSeconds().forEach(jit::add);
      JsonObjectBuilder perMessage = Json.createObjectBuilder();
      s.cpuMsPerMessage().forEach(perMessage::add);
      JsonObjectBuilder scenario =
          Json.createObjectBuilder()
              .add("name", s.name())
              .add("young", s.young())
              .add("load", s.kind())
              .add("fanout", s.fanout())
              .add("seconds", s.load().seconds())
              .add("requests", s.load().requests())
              .add("failedRequests", s.load().failures())
              .add("requestErrors", Json.createArrayBuilder(s.load().errors()))
              .add("accepted", s.load().accepted())
              .add("acceptedBySecond", Json.createArrayBuilder(s.load().acceptedBySecond()))
              .add("acceptedPerSecond", s.load().acceptedPerSecond())
              .add("apiLatencyMs", latency(s.load().latency()))
              .add("expectedDeliveries", s.expectedDeliveries())
              .add("delivered", s.delivered())
              .add("deliveriesPerSecond", s.deliveriesPerSecond())
              .add("behindAtEndOfLoad", s.backlogAtEnd())
              .add("drainSeconds", s.drain().toMillis() / 1000.0)
              .add("duplicates", s.duplicates())
              .add("badSignatures", s.badSignatures())
              .add("deliveredLatencyMs", latency(s.endToEnd()))
              .add("cpuSeconds", cpu)
              .add("jitCpuSeconds", jit)
              .add("cpuWindowSeconds", s.cpuWindowSeconds())
              .add("cpuMsPerMessage", perMessage);
      ceiling.ifPresent(
          measured -> {
            addFinite(
                scenario,
                "acceptedShareOfCeiling",
                s.load().acceptedPerSecond() / measured.commitsPerSecond());
            addFinite(
                scenario,
                "serverCpuPerMessageInCommits",
                measured.inCommits(serverCpuMs(s.cpuMsPerMessage())));
          });
      list.add(scenario);
    }
    root.add("scenarios", list);
    JsonObjectBuilder stages = Json.createObjectBuilder();
    single(false)
        .ifPresent(
            settled -> {
              double rate = settled.load().acceptedPerSecond();
              stages.add("settledSinglePerSecond", rate);
              ceiling.ifPresent(
                  c ->
                      addFinite(
                          stages, "settledSingleShareOfCeiling", rate / c.commitsPerSecond()));
              single(true)
                  .ifPresent(
                      y -> {
                        stages.add("youngSinglePerSecond", y.load().acceptedPerSecond());
                        addFinite(
                            stages,
                            "youngSingleShareOfSettled",
                            y.load().acceptedPerSecond() / rate);
                      });
            });
    latency(false).ifPresent(s -> stages.add("settledDeliveredP99Ms", s.endToEnd().p99()));
    latency(true).ifPresent(s -> stages.add("youngDeliveredP99Ms", s.endToEnd().p99()));
    root.add("youngAndSettled", stages);
    JsonObjectBuilder memory = Json.createObjectBuilder();
    peakMemory.forEach(
        (name, peak) ->
            memory.add(
                name,
                Json.createObjectBuilder().add("rss", peak.rssMib()).add("pss", peak.pssMib())));
    root.add("peakMemoryMib", memory);
    JsonArrayBuilder problems = Json.createArrayBuilder();
    broken().forEach(problems::add);
    root.add("problems", problems);
    return save(root.build());
  }

  /**
   * Adds a ratio only when it is a number: JSON has no NaN or infinity, and a run whose settled
   * phase accepted nothing must still write its results and say why.
   */
  static void addFinite(JsonObjectBuilder json, String name, double value) {
    if (Double.isFinite(value)) {
      json.add(name, value);
    }
  }

  private static JsonObjectBuilder latency(Latencies.Summary summary) {
    return Json.createObjectBuilder()
        .add("count", summary.count())
        .add("p50", summary.p50())
        .add("p90", summary.p90())
        .add("p99", summary.p99())
        .add("max", summary.max())
        .add("slowestWindows", slowest(summary));
  }

  /** When the slowest requests were due, to line them up with the servers' logs. */
  private static JsonArrayBuilder slowest(Latencies.Summary summary) {
    JsonArrayBuilder windows = Json.createArrayBuilder();
    for (Latencies.SlowWindow window : summary.slowest()) {
      windows.add(
          Json.createObjectBuilder()
              .add("due", window.due().toString())
              .add("requests", window.count())
              .add("maxMs", window.maxMs()));
    }
    return windows;
  }

  private Path save(JsonObject json) {
    return writePretty(options.out().resolve("results.json"), json);
  }

  /** Writes the JSON indented, for people to read and diff as well as machines. */
  static Path writePretty(Path file, JsonObject json) {
    StringWriter text = new StringWriter();
    try (JsonGenerator generator =
        Json.createGeneratorFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true))
            .createGenerator(text)) {
      generator.write(json);
    }
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, text.toString().strip() + "\n", StandardCharsets.UTF_8);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
