package io.hookline.bench;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The soak: a fixed rate through the balancer for a long time, fanned out to three endpoints of
 * which one fails a tenth of its requests, sampling every window what would show a slow leak: each
 * node's resident memory and heap after its collections, open JDBC and JMS connections, table and
 * journal sizes, the backlog, and API and delivery p99. It passes when nothing is lost and, for
 * windows of five minutes, the last window's p99s are within 1.2 times the first's (a shorter
 * window's p99 is too few samples to hold to that, and is only reported).
 */
final class Soak {
  private static final List<String> ENDPOINTS = List.of("soak-0", "soak-1", "soak-2");
  private static final String FLAKY = "soak-2";
  private static final double FLAKY_SHARE = 0.10;
  private static final Duration FULL_WINDOW = Duration.ofMinutes(5);
  private static final double HELD_WITHIN = 1.2;

  /** One window: what was sent, how fast it was answered and delivered, and what the stack held. */
  record Window(
      int index,
      boolean warmUp,
      long sent,
      long accepted,
      double apiP99Ms,
      double deliveryP99Ms,
      double rssMibMax,
      double heapAfterGcMibMax,
      long jdbcConnections,
      long jmsConnections,
      double databaseMib,
      double journalMib,
      long backlog) {

    Window withDeliveryP99(double ms) {
      return new Window(
          index,
          warmUp,
          sent,
          accepted,
          apiP99Ms,
          ms,
          rssMibMax,
          heapAfterGcMibMax,
          jdbcConnections,
          jmsConnections,
          databaseMib,
          journalMib,
          backlog);
    }
  }

  /** How the soak went. */
  record Result(
      List<Window> windows,
      Map<String, Long> refusals,
      Map<String, Long> forbidden,
      long accepted,
      long lost,
      long pending,
      long duplicates,
      String verdict,
      boolean passed) {}

  private record Sent(String id, long due) {}

  private final ChaosOptions options;
  private final Cluster cluster;
  private final FastReceiver receiver;
  private final HooklineClient client;
  private final String secret;
  private final int firstPhase;
  private final Map<String, Long> gcLogRead = new ConcurrentHashMap<>();

  Soak(
      ChaosOptions options,
      Cluster cluster,
      FastReceiver receiver,
      HooklineClient client,
      String secret,
      int firstPhase) {
    this.options = options;
    this.cluster = cluster;
    this.receiver = receiver;
    this.client = client;
    this.secret = secret;
    this.firstPhase = firstPhase;
  }

  Result run() throws InterruptedException {
    Duration window =
        options.soak().compareTo(FULL_WINDOW.multipliedBy(4)) >= 0
            ? FULL_WINDOW
            : options.soak().dividedBy(4);
    int windows = (int) (options.soak().toSeconds() / window.toSeconds());
    // Three young nodes sharing a small machine compile for minutes: the first window is measured
    // on settled ones.
    Duration warmUp = window.compareTo(FULL_WINDOW) >= 0 ? FULL_WINDOW : window;
    String app = client.createApp("soak");
    for (String endpoint : ENDPOINTS) {
      client.createEndpoint(app, receiver.url(endpoint), secret);
    }
    receiver.behave(FLAKY, 0, FLAKY_SHARE);
    System.out.printf(
        "Soak: %.0f events/s to %d endpoints (%s fails %.0f %%) for %d windows of %d s, after a"
            + " warm-up of %d s...%n",
        options.soakRate(),
        ENDPOINTS.size(),
        FLAKY,
        FLAKY_SHARE * 100,
        windows,
        window.toSeconds(),
        warmUp.toSeconds());
    if (firstPhase + windows >= Chaos.PHASES) {
      throw new IllegalArgumentException("a soak of at most " + (Chaos.PHASES - 2) + " windows");
    }
    Refusals refusals = new Refusals(cluster::reportedReady);
    Map<String, String> refused = new ConcurrentHashMap<>();
    List<List<Sent>> accepted = new ArrayList<>();
    List<LoadGenerator.Result> streams = new ArrayList<>();
    List<Window> samples = new ArrayList<>();
    for (int w = 0; w <= windows; w++) {
      int phase = firstPhase + w;
      List<Sent> windowAccepted = java.util.Collections.synchronizedList(new ArrayList<>());
      LoadGenerator.Result stream =
          LoadGenerator.fixedRate(
              options.soakRate(),
              w == 0 ? warmUp : window,
              (due, sequence) -> {
                String key = "soak-" + phase + "-" + sequence;
                String payload = Payloads.of(phase, due, sequence);
                HooklineClient.Sent sent = client.sendForId(app, payload, key);
                if (sent.id() != null) {
                  windowAccepted.add(new Sent(sent.id(), due));
                  return 1;
                }
                refusals.count(sent, System.nanoTime());
                refused.put(key, payload);
                return 0;
              });
      accepted.add(windowAccepted);
      streams.add(stream);
      samples.add(sample(w, stream, windowAccepted.size()));
      Window s = samples.get(samples.size() - 1);
      System.out.printf(
          "  %s %d: %d accepted, API p99 %.0f ms, RSS max %.0f MiB, heap after GC max %.0f MiB,"
              + " JDBC %d, JMS %d, database %.0f MiB, journal %.1f MiB, backlog %d%n",
          w == 0 ? "warm-up" : "window",
          w,
          s.accepted(),
          s.apiP99Ms(),
          s.rssMibMax(),
          s.heapAfterGcMibMax(),
          s.jdbcConnections(),
          s.jmsConnections(),
          s.databaseMib(),
          s.journalMib(),
          s.backlog());
    }
    receiver.behaveNormally(FLAKY);
    List<Sent> all = new ArrayList<>();
    accepted.forEach(all::addAll);
    long deadline = System.nanoTime() + options.recovery().toNanos();
    all.addAll(resend(app, refused, refusals, deadline));
    while (System.nanoTime() < deadline && !allArrived(all)) {
      Thread.sleep(200);
    }
    // Still refused after the resends: as lost as an accepted event that never arrived.
    long lost = all.stream().filter(s -> !arrived(s)).count() + refused.size();
    long pending = cluster.awaitSettled(app, System.nanoTime() + options.recovery().toNanos());
    long duplicates = 0;
    List<Window> windowsWithDelivery = new ArrayList<>();
    for (int w = 0; w < samples.size(); w++) {
      duplicates += receiver.tally(firstPhase + w).duplicates();
      windowsWithDelivery.add(withDeliveryP99(samples.get(w), accepted.get(w), firstPhase + w));
    }
    return verdict(
        windowsWithDelivery,
        refusals.expected(),
        refusals.forbidden(),
        all.size(),
        lost,
        pending,
        duplicates,
        window);
  }

  private Result verdict(
      List<Window> windows,
      Map<String, Long> refusals,
      Map<String, Long> forbidden,
      long accepted,
      long lost,
      long pending,
      long duplicates,
      Duration window) {
    Window first = windows.get(1);
    Window last = windows.get(windows.size() - 1);
    double apiRatio = last.apiP99Ms() / Math.max(first.apiP99Ms(), 0.001);
    double deliveryRatio = last.deliveryP99Ms() / Math.max(first.deliveryP99Ms(), 0.001);
    boolean held = apiRatio <= HELD_WITHIN && deliveryRatio <= HELD_WITHIN;
    boolean judged = window.compareTo(FULL_WINDOW) >= 0;
    boolean passed =
        lost == 0 && pending == 0 && forbidden.isEmpty() && accepted > 0 && (held || !judged);
    String verdict =
        String.format(
            "%d accepted, %d lost or never accepted, %d pending, %d duplicates, refused %s%s;"
                + " last window's p99 /"
                + " first's: API %.2f, delivery %.2f (%s)",
            accepted,
            lost,
            pending,
            duplicates,
            Refusals.describe(refusals),
            forbidden.isEmpty() ? "" : ", FORBIDDEN " + Refusals.describe(forbidden),
            apiRatio,
            deliveryRatio,
            judged
                ? (held ? "within " + HELD_WITHIN : "NOT within " + HELD_WITHIN)
                : "windows under 5 minutes: reported, not judged");
    Result result =
        new Result(
            windows, refusals, forbidden, accepted, lost, pending, duplicates, verdict, passed);
    print(result);
    write(result, window);
    return result;
  }

  /** Sends each refused event again until accepted or the deadline; what stays is left in it. */
  private List<Sent> resend(
      String app, Map<String, String> refused, Refusals refusals, long deadline) {
    List<Sent> accepted = new ArrayList<>();
    for (Map.Entry<String, String> event : Map.copyOf(refused).entrySet()) {
      String id =
          refusals.sendUntilAccepted(client, app, event.getValue(), event.getKey(), deadline);
      if (id != null) {
        accepted.add(new Sent(id, Payloads.sentNanos(event.getValue())));
        refused.remove(event.getKey());
      }
    }
    return accepted;
  }

  private boolean allArrived(List<Sent> all) {
    for (Sent sent : all) {
      if (!arrived(sent)) {
        return false;
      }
    }
    return true;
  }

  /** At every endpoint, in whichever window's tally (a resend keeps its first window's phase). */
  private boolean arrived(Sent sent) {
    for (String endpoint : ENDPOINTS) {
      boolean found = false;
      for (int w = 0; firstPhase + w < Chaos.PHASES && !found; w++) {
        found = receiver.tally(firstPhase + w).received(endpoint, sent.id());
      }
      if (!found) {
        return false;
      }
    }
    return true;
  }

  /** The p99 from send to first arrival at the endpoints that do not fail. */
  private Window withDeliveryP99(Window window, List<Sent> accepted, int phase) {
    List<Long> latencies = new ArrayList<>();
    FastReceiver.Tally tally = receiver.tally(phase);
    synchronized (accepted) {
      for (Sent sent : accepted) {
        for (String endpoint : ENDPOINTS) {
          long at = endpoint.equals(FLAKY) ? -1 : tally.arrival(endpoint, sent.id());
          if (at > 0) {
            latencies.add(at - sent.due());
          }
        }
      }
    }
    return window.withDeliveryP99(Chaos.p99Millis(latencies));
  }

  private Window sample(int index, LoadGenerator.Result stream, long accepted) {
    double rss = 0;
    double heap = 0;
    for (Cluster.Node node : cluster.nodes()) {
      if (node.micro.isRunning()) {
        rss = Math.max(rss, ProcessWatch.rssKib(node.micro.process().pid()) / 1024.0);
      }
      heap = Math.max(heap, heapAfterGc(node));
    }
    return new Window(
        index,
        index == 0,
        stream.requests(),
        accepted,
        stream.latency().p99(),
        0,
        rss,
        heap,
        // Less this query's own session.
        cluster.count(
                "select count(*) from pg_stat_activity where datname = ?",
                cluster.database().name())
            - 1,
        jmsConnections(),
        cluster.count("select pg_database_size(?)", cluster.database().name()) / (1024.0 * 1024),
        directoryBytes(cluster.primary().settings().instance().resolve("data")) / (1024.0 * 1024),
        cluster.count("select count(*) from delivery where status = 'PENDING'"));
  }

  private static final Pattern AFTER_GC = Pattern.compile("->(\\d+)M\\(");

  /**
   * The least heap a node held right after a collection in the window, from its GC log: the floor
   * the live set sets, which a leak raises window after window.
   */
  private double heapAfterGc(Cluster.Node node) {
    try {
      String log = Files.readString(node.gcLog);
      long from = gcLogRead.getOrDefault(node.name, 0L);
      if (from > log.length()) {
        from = 0;
      }
      gcLogRead.put(node.name, (long) log.length());
      Matcher matcher = AFTER_GC.matcher(log.substring((int) from));
      double least = Double.MAX_VALUE;
      while (matcher.find()) {
        least = Math.min(least, Double.parseDouble(matcher.group(1)));
      }
      return least == Double.MAX_VALUE ? 0 : least;
    } catch (IOException e) {
      return 0;
    }
  }

  /** Established connections to either broker, counted at the brokers' end. */
  private long jmsConnections() {
    int primary = cluster.primary().settings().port();
    int backup = cluster.backup() == null ? primary : cluster.backup().settings().port();
    try {
      Process ss =
          new ProcessBuilder(
                  "ss",
                  "-Htn",
                  "state",
                  "established",
                  "( sport = :" + primary + " or sport = :" + backup + " )")
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      long lines;
      try (var reader = ss.inputReader()) {
        lines = reader.lines().filter(line -> !line.isBlank()).count();
      }
      ss.waitFor(10, TimeUnit.SECONDS);
      return lines;
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private static long directoryBytes(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      return files
          .filter(Files::isRegularFile)
          .mapToLong(
              file -> {
                try {
                  return Files.size(file);
                } catch (IOException gone) {
                  return 0;
                }
              })
          .sum();
    } catch (IOException e) {
      return 0;
    }
  }

  private static void print(Result result) {
    System.out.println();
    System.out.printf(
        "%-8s %8s %9s %9s %9s %9s %9s %5s %4s %9s %9s %8s%n",
        "window",
        "sent",
        "accepted",
        "API p99",
        "deliv p99",
        "RSS MiB",
        "heap MiB",
        "JDBC",
        "JMS",
        "db MiB",
        "journal",
        "backlog");
    for (Window w : result.windows()) {
      System.out.printf(
          "%-8s %8d %9d %9.1f %9.1f %9.0f %9.0f %5d %4d %9.0f %9.1f %8d%n",
          w.warmUp() ? "warm-up" : Integer.toString(w.index()),
          w.sent(),
          w.accepted(),
          w.apiP99Ms(),
          w.deliveryP99Ms(),
          w.rssMibMax(),
          w.heapAfterGcMibMax(),
          w.jdbcConnections(),
          w.jmsConnections(),
          w.databaseMib(),
          w.journalMib(),
          w.backlog());
    }
    System.out.println(
        "(RSS: the most of any node; heap: the least any collection left, the most of any node;"
            + " JDBC: sessions on the database; JMS: connections at the brokers, the pair's own"
            + " among them; backlog: deliveries pending at the window's end)");
    System.out.println("Soak: " + result.verdict() + (result.passed() ? " ok" : " FAILED"));
  }

  private void write(Result result, Duration window) {
    JsonArrayBuilder list = Json.createArrayBuilder();
    for (Window w : result.windows()) {
      list.add(
          Json.createObjectBuilder()
              .add("window", w.index())
              .add("warmUp", w.warmUp())
              .add("sent", w.sent())
              .add("accepted", w.accepted())
              .add("apiP99Ms", w.apiP99Ms())
              .add("deliveryP99Ms", w.deliveryP99Ms())
              .add("rssMibMax", w.rssMibMax())
              .add("heapAfterGcMibMax", w.heapAfterGcMibMax())
              .add("jdbcConnections", w.jdbcConnections())
              .add("jmsConnections", w.jmsConnections())
              .add("databaseMib", w.databaseMib())
              .add("journalMib", w.journalMib())
              .add("backlog", w.backlog()));
    }
    Path written =
        Report.writePretty(
            Path.of("target", "chaos", "soak.json"),
            Json.createObjectBuilder()
                .add("nodes", options.nodes())
                .add("rate", options.soakRate())
                .add("windowSeconds", window.toSeconds())
                .add("windows", list)
                .add("accepted", result.accepted())
                .add("lost", result.lost())
                .add("pending", result.pending())
                .add("duplicates", result.duplicates())
                .add("verdict", result.verdict())
                .add("passed", result.passed())
                .build());
    System.out.println("Soak results: " + written.toAbsolutePath());
  }
}
