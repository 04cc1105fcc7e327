package io.hookline.bench;

import io.hookline.devstack.Database;
import io.hookline.devstack.LocalStack;
import io.hookline.devstack.MicroJava;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@code ./hookline bench}: starts the stack (or uses a running one) and a receiver, measures the
 * machine's commit ceiling, then runs each scenario and reports a table and target/bench JSON.
 * Exits 1 when an accepted event was not delivered or a signature did not verify: a number from a
 * broken run is not a number.
 */
public final class Bench {
  private static final int MAX_PHASES = 64;

  /**
   * The most requests a fixed-rate phase keeps out at once. A fixed rate stands for senders that do
   * not wait for each other, so it must not be what limits the server: at 2,000/s, 64 in flight
   * held a warm node to 1,755/s while 256 closed-loop clients got 2,605/s from it.
   */
  static final int FIXED_RATE_IN_FLIGHT = 512;

  private final BenchOptions options;
  private final List<Scenario> scenarios = new ArrayList<>();
  private FastReceiver receiver;
  private HooklineClient client;
  private ProcessWatch watch;
  private final Map<String, String> firstEndpoints = new HashMap<>();
  private int nextPhase = 1;
  private boolean young;

  private Bench(BenchOptions options) {
    this.options = options;
  }

  public static void main(String[] args) throws Exception {
    if (java.util.Arrays.asList(args).contains("--help")) {
      System.out.print(BenchOptions.USAGE);
      return;
    }
    BenchOptions options;
    try {
      options = BenchOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    System.exit(new Bench(options).run());
  }

  private int run() throws Exception {
    String secret = newSecret();
    watch = new ProcessWatch();
    LocalStack stack = null;
    String base = options.url();
    String token = options.token();
    String microJava = "unknown (a running Hookline)";
    Database database;
    if (base == null) {
      stack = LocalStack.configure(benchSettings());
      LocalStack started = stack;
      Runtime.getRuntime().addShutdownHook(new Thread(started::close));
      System.out.println("Starting the stack (logs in " + stack.data() + ")...");
      stack.start(true);
      base = stack.micro().settings().baseUrl();
      microJava = MicroJava.describe(stack.micro().java());
      System.out.println("  Payara Micro runs on " + microJava);
      token = stack.secrets().adminToken();
      watch
          .tree("payara-micro", stack.micro().process().pid())
          .tree("artemis", stack.broker().process().pid());
    }
    database = stack != null ? stack.database() : LocalStack.configure(System::getenv).database();
    watch.named("postgresql", "postgres").process("bench", ProcessHandle.current().pid()).start();

    try (FastReceiver started = new FastReceiver(secret, MAX_PHASES);
        HooklineClient api =
            new HooklineClient(
                base, token, Math.max(options.clients(), FIXED_RATE_IN_FLIGHT) + 80)) {
      receiver = started;
      client = api;
      System.out.println(
          "Measuring this machine's ceiling: pgbench, one insert per commit, 32 clients...");
      Optional<Ceiling.Measured> ceiling =
          Ceiling.measure(
              database,
              32,
              options.duration(),
              options.out().resolve("work"),
              () ->
                  watch.cpuSeconds().getOrDefault("postgresql", 0.0)
                      + ProcessWatch.reapedChildrenCpuSeconds());
      ceiling.ifPresent(
          measured ->
              System.out.printf(
                  "  %.0f commits/s, %s of CPU each%n",
                  measured.commitsPerSecond(), measured.cpuPerCommit()));
      Map<String, String> databaseSettings = DatabaseSettings.read(database);
      if (!databaseSettings.isEmpty()) {
        System.out.println("  PostgreSQL: " + DatabaseSettings.describe(databaseSettings));
      }

      List<String> single = apps("single", 8, 1, secret);
      if (!options.young().isZero()) {
        // The node as users meet it after every deploy, restart or scale-out: its first load.
        young = true;
        closedLoop("young: ingest, fan-out 1", single, 1, options.clients(), options.young());
        fixedRate(
            "young: latency at " + (int) options.rate() + "/s, fan-out 1",
            single,
            options.rate(),
            options.young());
        young = false;
      }
      System.out.printf("Warming up for %d s...%n", options.warmUp().toSeconds());
      // Payara's JIT compiles for minutes: after the warm-up the node is a settled one.
      closedLoop("warm-up", single, 1, 16, options.warmUp());
      scenarios.remove(scenarios.size() - 1);

      closedLoop("ingest, fan-out 1", single, 1, options.clients(), options.duration());
      if (options.sustainRate() > 0) {
        // Senders that do not wait for each other, as a node's many producers are: how many sends
        // share a commit follows from the rate, not from a fixed number of clients. Half the
        // duration: a node that cannot keep the rate takes longer to get through it.
        fixedRate(
            "sustained at " + options.sustainRate() + "/s, fan-out 1",
            single,
            options.sustainRate(),
            options.duration().dividedBy(2));
      }
      batches("batch ingest (" + options.batchSize() + " per request), fan-out 1", single, null);
      if (stack != null) {
        // The same load with the delivery queue paused: what ingest takes when it has the cores to
        // itself (delivery then drains the backlog, and the drain is counted).
        batches(
            "batch ingest (" + options.batchSize() + "/request), delivery paused",
            single,
            new DeliveryPause(stack.broker().settings(), "hookline"));
      }
      fixedRate(
          "latency at " + (int) options.rate() + "/s, fan-out 1",
          single,
          options.rate(),
          options.duration());
      for (int fanout : options.fanouts()) {
        if (fanout > 1) {
          closedLoop(
              "fan-out " + fanout,
              apps("fanout" + fanout, 1, fanout, secret),
              fanout,
              4,
              // A third: every message owes fanout deliveries, and the drain is what takes long.
              options.duration().dividedBy(3));
        }
      }
      if (options.backlog() > 0) {
        List<String> history = apps("history", 1, 1, secret);
        System.out.printf("Filling the backlog: %,d delivered messages...%n", options.backlog());
        long filling = System.nanoTime();
        Backlog.fill(database, history.get(0), endpointOf(history.get(0)), options.backlog());
        System.out.printf("  done in %.0f s%n", (System.nanoTime() - filling) / 1e9);
        closedLoop(
            "after backlog: ingest, fan-out 1", single, 1, options.clients(), options.duration());
        fixedRate(
            "after backlog: latency at " + (int) options.rate() + "/s",
            single,
            options.rate(),
            options.duration());
      }

      Report report =
          new Report(
              options,
              ceiling,
              scenarios,
              watch.peaks(),
              receiver.foreign(),
              databaseSettings,
              microJava);
      report.print(System.out);
      Path written = report.write();
      System.out.println("Results: " + written.toAbsolutePath());
      List<String> broken = report.broken();
      broken.forEach(problem -> System.out.println("FAILED: " + problem));
      return broken.isEmpty() ? 0 : 1;
    } finally {
      watch.close();
      if (stack != null) {
        System.out.println("Stopping the stack...");
        stack.close();
      }
    }
  }

  /** The bench's own stack: its ports, data directory and database, so it never meets `up`'s. */
  private static Function<String, String> benchSettings() {
    return OwnStack.settings(
        "BENCH",
        Map.of(
            "HOOKLINE_DATA_DIR", Path.of("target", "bench", "stack").toAbsolutePath().toString(),
            "HOOKLINE_DB_NAME", "hookline_bench",
            "HOOKLINE_HTTP_PORT", "18480",
            "HOOKLINE_ARTEMIS_PORT", "61716",
            "HOOKLINE_ARTEMIS_CONSOLE_PORT", "8261"));
  }

  private List<String> apps(String name, int count, int endpoints, String secret) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String app = client.createApp("bench " + name + " " + i);
      for (int e = 0; e < endpoints; e++) {
        String endpoint = client.createEndpoint(app, receiver.url(app + "/" + e), secret);
        firstEndpoints.putIfAbsent(app, endpoint);
      }
      ids.add(app);
    }
    return ids;
  }

  private String endpointOf(String app) {
    return firstEndpoints.get(app);
  }

  private void closedLoop(
      String name, List<String> apps, int fanout, int clients, Duration duration) {
    int phase = nextPhase++;
    measure(
        name,
        "closed loop, " + clients + " clients",
        phase,
        fanout,
        () -> LoadGenerator.closedLoop(clients, duration, singleMessages(apps, phase)));
  }

  private void fixedRate(String name, List<String> apps, double rate, Duration duration) {
    int phase = nextPhase++;
    measure(
        name,
        "fixed rate, " + (int) rate + "/s",
        phase,
        1,
        () ->
            LoadGenerator.fixedRate(
                rate, duration, FIXED_RATE_IN_FLIGHT, singleMessages(apps, phase)));
  }

  /**
   * @param pause when not null, the delivery queue is paused for the load and resumed after it
   */
  private void batches(String name, List<String> apps, DeliveryPause pause) {
    int phase = nextPhase++;
    int size = options.batchSize();
    // Paused, the load is shorter: its backlog is drained after it.
    Duration duration = options.duration().dividedBy(pause == null ? 2 : 4);
    Supplier<LoadGenerator.Result> load =
        () ->
            LoadGenerator.closedLoop(
                4,
                duration,
                (due, sequence) -> {
                  List<String> payloads = new ArrayList<>(size);
                  for (int i = 0; i < size; i++) {
                    payloads.add(Payloads.of(phase, due, sequence * size + i));
                  }
                  return client.sendBatch(pick(apps, sequence), payloads);
                });
    if (pause == null) {
      measure(name, "closed loop, 4 clients", phase, 1, load, () -> {});
    } else {
      // Resumed once the deliveries made during the load are counted: the drain comes after.
      Supplier<LoadGenerator.Result> paused =
          () -> {
            pause.pause();
            return load.get();
          };
      measure(name, "closed loop, 4 clients", phase, 1, paused, pause::resume);
    }
  }

  /** One message per request, to the apps in turn; 1 when accepted. */
  private LoadGenerator.Request singleMessages(List<String> apps, int phase) {
    return (due, sequence) ->
        client.send(pick(apps, sequence), Payloads.of(phase, due, sequence)) == 202 ? 1 : 0;
  }

  /** Accepted events per second by each {@code slice} of the load: "115 185 254". */
  static String rates(LoadGenerator.Result result, Duration slice) {
    return String.join(
        " ", result.ratePer(slice).stream().map(r -> String.format("%.0f", r)).toList());
  }

  private static String pick(List<String> apps, long sequence) {
    return apps.get((int) (sequence % apps.size()));
  }

  private void measure(
      String name, String kind, int phase, int fanout, Supplier<LoadGenerator.Result> load) {
    measure(name, kind, phase, fanout, load, () -> {});
  }

  /**
   * @param afterLoad runs once the load has ended and the deliveries made during it are counted,
   *     before the drain is waited for, even when the load failed
   */
  private void measure(
      String name,
      String kind,
      int phase,
      int fanout,
      Supplier<LoadGenerator.Result> load,
      Runnable afterLoad) {
    System.out.println("Running: " + name + " (" + kind + ")...");
    Map<String, Double> cpuBefore = watch.cpuSeconds();
    Map<String, Double> jitBefore = watch.jitCpuSeconds();
    long started = System.nanoTime();
    LoadGenerator.Result result;
    FastReceiver.Tally tally = receiver.tally(phase);
    long deliveredDuringLoad;
    long loadEnded;
    try {
      result = load.get();
      deliveredDuringLoad = tally.delivered();
      loadEnded = System.nanoTime();
    } finally {
      afterLoad.run();
    }
    long expected = result.accepted() * fanout;
    long limit = loadEnded + options.drainLimit().toNanos();
    while (tally.delivered() < expected && System.nanoTime() < limit) {
      sleep(Duration.ofMillis(20));
    }
    Duration drain = Duration.ofNanos(Math.max(0, tally.lastArrival() - loadEnded));
    Map<String, Double> cpu = since(cpuBefore, watch.cpuSeconds());
    Map<String, Double> jit = since(jitBefore, watch.jitCpuSeconds());
    double cpuWindow = (System.nanoTime() - started) / 1e9;
    Scenario scenario =
        new Scenario(
            name,
            kind,
            fanout,
            result,
            deliveredDuringLoad,
            tally.delivered(),
            tally.duplicates(),
            tally.badSignatures(),
            tally.lastArrival() == 0 ? 0 : (tally.lastArrival() - started) / 1e9,
            drain,
            tally.endToEnd(),
            cpu,
            jit,
            cpuWindow,
            young);
    scenarios.add(scenario);
    System.out.printf(
        "  %,.0f accepted/s, %,.0f deliveries/s, API p99 %.1f ms, delivered %,d of %,d%n",
        result.acceptedPerSecond(),
        scenario.deliveriesPerSecond(),
        result.latency().p99(),
        scenario.delivered(),
        expected);
    // How the rate grows while the JIT compiles: the first minute by 10 s, the warm-up by 30 s.
    Duration slice = Duration.ofSeconds(result.seconds() > 90 ? 30 : 10);
    if ((young || name.equals("warm-up")) && !result.ratePer(slice).isEmpty()) {
      System.out.printf("  accepted/s by %d s: %s%n", slice.toSeconds(), rates(result, slice));
    }
    result.errors().forEach(error -> System.out.println("  a request failed: " + error));
    result.latency().slowest().stream()
        .findFirst()
        .ifPresent(
            window ->
                System.out.printf(
                    "  slowest API requests: %.1f ms, due at %s%n", window.maxMs(), window.due()));
  }

  /**
   * What each group used between two readings. A reading sums the processes alive at the time, so a
   * group whose busy process ended in between (a PostgreSQL backend) can read less after than
   * before: that counts as nothing, not as a negative.
   */
  private static Map<String, Double> since(Map<String, Double> before, Map<String, Double> after) {
    Map<String, Double> used = new LinkedHashMap<>();
    after.forEach(
        (group, now) -> used.put(group, Math.max(0, now - before.getOrDefault(group, 0.0))));
    return used;
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String newSecret() {
    byte[] key = new byte[24];
    new SecureRandom().nextBytes(key);
    return "whsec_" + Base64.getEncoder().encodeToString(key);
  }
}
