package io.hookline.bench;

import io.hookline.devstack.ArtemisBroker;
import io.hookline.devstack.LocalStack;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * {@code ./hookline chaos}: streams events through a stack of its own to a receiver that records
 * every webhook-id and, halfway through each stream, does one harmful thing: kill -9 Payara Micro
 * and start it again, kill -9 the broker and start it again, restart PostgreSQL, take the receiver
 * down for a while, or, with the broker turned into a replicated primary/backup pair, kill -9 the
 * primary (the backup takes over) and start it again (it takes back over). Each time every accepted
 * event must reach the receiver and nothing may stay pending; duplicates are counted and reported.
 * Exits 1 otherwise.
 */
public final class Chaos {
  private static final String ENDPOINT = "chaos";

  /** One harmful thing and the stream it was done in the middle of. */
  record Step(
      String fault,
      long sent,
      long acceptedFirstTime,
      Map<String, Long> refusals,
      long notAcceptedOnResend,
      long accepted,
      long delivered,
      long lost,
      long duplicates,
      long pending,
      long deliveredButNotStored,
      Duration faultTook,
      Duration recovered) {

    boolean passed() {
      return lost == 0
          && pending == 0
          && deliveredButNotStored == 0
          && accepted > 0
          && notAcceptedOnResend == 0
          && refusals.keySet().stream().allMatch(Step::expectedRefusal);
    }

    /**
     * No answer, or an answer from the container rather than Hookline (the node was down or still
     * starting: a load balancer checking /health/ready would not have sent it there), or Hookline's
     * 503 (an outage it named). Any other answer of Hookline's, a 500 or a 4xx, is a bug.
     */
    static boolean expectedRefusal(String refusal) {
      return refusal.startsWith("no-answer:")
          || refusal.startsWith("not-hookline:")
          || refusal.equals("503");
    }
  }

  /** The warm-up's phase; the steps take the phases after it. */
  private static final int WARM_UP_PHASE = 0;

  private static final Duration WARM_UP = Duration.ofSeconds(10);

  private final ChaosOptions options;
  private LocalStack stack;
  private ArtemisBroker backup;
  private FastReceiver receiver;
  private HooklineClient client;
  private String app;
  private int nextPhase = WARM_UP_PHASE + 1;

  private Chaos(ChaosOptions options) {
    this.options = options;
  }

  public static void main(String[] args) throws Exception {
    if (List.of(args).contains("--help")) {
      System.out.print(ChaosOptions.USAGE);
      return;
    }
    ChaosOptions options;
    try {
      options = ChaosOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    System.exit(new Chaos(options).run());
  }

  private int run() throws Exception {
    String secret =
        "whsec_" + Base64.getEncoder().encodeToString(new SecureRandom().generateSeed(24));
    stack = LocalStack.configure(Chaos::setting, applicationSettings());
    backup = new ArtemisBroker(backupSettings(stack.broker().settings()));
    Runtime.getRuntime().addShutdownHook(new Thread(this::stopStack));
    System.out.println("Starting the stack (logs in " + stack.data() + ")...");
    stack.start(true);
    List<Step> steps = new ArrayList<>();
    try (FastReceiver started = new FastReceiver(secret, 16);
        HooklineClient api =
            new HooklineClient(
                stack.micro().settings().baseUrl(), stack.secrets().adminToken(), 80)) {
      receiver = started;
      client = api;
      app = client.createApp("chaos");
      client.createEndpoint(app, receiver.url(ENDPOINT), secret);
      warmUp();
      for (String fault : options.faults()) {
        steps.add(step(fault));
      }
    } finally {
      System.out.println("Stopping the stack...");
      stopStack();
    }
    print(steps);
    Path written = write(steps);
    System.out.println("Results: " + written.toAbsolutePath());
    return steps.stream().allMatch(Step::passed) ? 0 : 1;
  }

  /** The crash suite's own ports, data and database, so it never meets `up`'s or the bench's. */
  private static String setting(String name) {
    return OwnStack.settings(
            "CHAOS",
            Map.of(
                "HOOKLINE_DATA_DIR",
                    Path.of("target", "chaos", "stack").toAbsolutePath().toString(),
                "HOOKLINE_DB_NAME", "hookline_chaos",
                "HOOKLINE_HTTP_PORT", "18580",
                "HOOKLINE_ARTEMIS_PORT", "61816",
                "HOOKLINE_ARTEMIS_CONSOLE_PORT", "8361"))
        .apply(name);
  }

  private void stopStack() {
    stack.close();
    backup.close();
  }

  /** The primary's settings, one port up, in an instance of its own. */
  private static ArtemisBroker.Settings backupSettings(ArtemisBroker.Settings primary) {
    return new ArtemisBroker.Settings(
        primary.home(),
        primary.instance().resolveSibling("artemis-backup"),
        primary.brokerXml(),
        primary.host(),
        primary.port() + 1,
        primary.consolePort() + 1,
        primary.user(),
        primary.password(),
        primary.systemProperties());
  }

  private Map<String, String> applicationSettings() {
    Map<String, String> settings = new HashMap<>();
    // The node knows the backup from the start: until the failover step it is not running, which
    // is also how a node sees a pair whose backup is down.
    settings.put("HOOKLINE_ARTEMIS_BACKUP_HOST", "127.0.0.1");
    settings.put(
        "HOOKLINE_ARTEMIS_BACKUP_PORT",
        Integer.toString(Integer.parseInt(setting("HOOKLINE_ARTEMIS_PORT")) + 1));
    // Production waits hours between late tries; here the whole schedule fits the recovery window.
    settings.put("HOOKLINE_DELIVERY_SCHEDULE", "0s,1s,2s,4s,8s,15s,30s,30s,30s,30s");
    settings.put("HOOKLINE_BREAKER_COOL_DOWN", "PT3S");
    settings.put("HOOKLINE_RECONCILER_INTERVAL", "PT5S");
    settings.put("HOOKLINE_RECONCILER_GRACE", "PT20S");
    return settings;
  }

  /**
   * Streams for {@link #WARM_UP} at the steps' rate, and waits until what was accepted is
   * delivered, before the first fault. A stack just started answers its first sends only after
   * seconds (its JIT, the broker's first transactions): without this the first step's fault hit a
   * node that had accepted nothing yet (1 of 300 events in the smoke's node step, the other 299
   * refused and sent again after the restart), so a crash with accepted work in flight went
   * untested.
   */
  private void warmUp() throws InterruptedException {
    System.out.printf("Warming up: %d s at %.0f/s...%n", WARM_UP.toSeconds(), options.rate());
    Set<String> accepted = ConcurrentHashMap.newKeySet();
    LoadGenerator.fixedRate(
        options.rate(),
        WARM_UP,
        (due, sequence) -> {
          HooklineClient.Sent sent =
              client.sendForId(
                  app, Payloads.of(WARM_UP_PHASE, due, sequence), "chaos-warm-up-" + sequence);
          if (sent.id() == null) {
            return 0;
          }
          accepted.add(sent.id());
          return 1;
        });
    FastReceiver.Tally tally = receiver.tally(WARM_UP_PHASE);
    awaitUntil(() -> accepted.stream().allMatch(id -> tally.received(ENDPOINT, id)));
    System.out.printf("  %d accepted, %d delivered%n", accepted.size(), tally.ids().size());
  }

  private Step step(String fault) throws Exception {
    if (fault.equals("failover") && !backup.isRunning()) {
      formPair();
    }
    int phase = nextPhase++;
    System.out.printf(
        "Streaming %d events at %.0f/s; halfway: %s...%n", options.events(), options.rate(), fault);
    Set<String> accepted = ConcurrentHashMap.newKeySet();
    Duration streamFor = Duration.ofMillis(Math.round(options.events() * 1000 / options.rate()));
    long[] faultTook = new long[1];
    Exception[] faultFailed = new Exception[1];
    Thread injector =
        new Thread(
            () -> {
              try {
                Thread.sleep(streamFor.toMillis() / 2);
                long at = System.nanoTime();
                inject(fault);
                faultTook[0] = System.nanoTime() - at;
              } catch (Exception e) {
                faultFailed[0] = e;
              }
            },
            "chaos-" + fault);
    injector.start();
    Map<String, String> refused = new ConcurrentHashMap<>();
    Map<String, Long> refusals = new ConcurrentHashMap<>();
    LoadGenerator.Result stream =
        LoadGenerator.fixedRate(
            options.rate(),
            streamFor,
            (due, sequence) -> {
              String key = "chaos-" + phase + "-" + sequence;
              String payload = Payloads.of(phase, due, sequence);
              HooklineClient.Sent sent = client.sendForId(app, payload, key);
              if (sent.id() == null) {
                refused.put(key, payload);
                refusals.merge(sent.refusal(), 1L, Long::sum);
                return 0;
              }
              accepted.add(sent.id());
              return 1;
            });
    injector.join();
    if (faultFailed[0] != null) {
      throw new IllegalStateException("could not " + fault + ": " + faultFailed[0], faultFailed[0]);
    }
    long streamEnded = System.nanoTime();
    long acceptedFirstTime = accepted.size();
    resendRefused(refused, accepted);
    FastReceiver.Tally tally = receiver.tally(phase);
    awaitUntil(() -> accepted.stream().allMatch(id -> tally.received(ENDPOINT, id)));
    long pending = waitForPending();
    Set<String> delivered = tally.ids();
    long lost = accepted.stream().filter(id -> !delivered.contains(id)).count();
    // A request cut off after its commit was accepted though the client never heard so: it may be
    // delivered, but it must at least be a stored message.
    Set<String> extra = new HashSet<>(delivered);
    extra.removeAll(accepted);
    Step step =
        new Step(
            fault,
            stream.requests(),
            acceptedFirstTime,
            refusals,
            refused.size(),
            accepted.size(),
            delivered.size(),
            lost,
            tally.duplicates(),
            pending,
            extra.size() - stored(extra),
            Duration.ofNanos(faultTook[0]),
            Duration.ofNanos(System.nanoTime() - streamEnded));
    System.out.printf(
        "  %d sent, %d accepted at once, refused %s, %d accepted after resending, %d delivered,"
            + " %d lost, %d duplicates, %d pending%n",
        step.sent(),
        step.acceptedFirstTime(),
        step.refusals(),
        step.accepted(),
        step.delivered(),
        step.lost(),
        step.duplicates(),
        step.pending());
    return step;
  }

  private void inject(String fault) throws Exception {
    switch (fault) {
      case "node" -> {
        stack.micro().kill();
        stack.micro().start();
      }
      case "broker" -> {
        stack.broker().kill();
        stack.broker().start();
      }
      case "postgres" -> {
        Process restart = new ProcessBuilder("scripts/restart-postgres.sh").inheritIO().start();
        if (restart.waitFor() != 0) {
          throw new IllegalStateException("scripts/restart-postgres.sh failed");
        }
      }
      case "failover" -> {
        ArtemisBroker primary = stack.broker();
        primary.kill();
        awaitUntil(backup::isActive);
        if (!backup.isActive()) {
          throw new IllegalStateException(
              "the backup did not take over; see " + backup.process().log());
        }
        System.out.println("  the backup took over; starting the primary again...");
        primary.start();
      }
      case "receiver" -> {
        receiver.goDown();
        Thread.sleep(options.receiverDown().toMillis());
        receiver.comeBack();
      }
      default -> throw new IllegalArgumentException("no such fault: " + fault);
    }
  }

  /**
   * Restarts the broker as the primary of a replicated pair and starts its backup, which copies the
   * journal before it reports ready. The node reconnects on its own, as after any restart.
   */
  private void formPair() {
    System.out.println("Turning the broker into a replicated primary/backup pair...");
    int primaryPort = stack.broker().settings().port();
    stack.broker().close();
    stack.broker().joinPair(new ArtemisBroker.PairMember(true, primaryPort + 1)).start();
    backup.joinPair(new ArtemisBroker.PairMember(false, primaryPort)).start();
  }

  /**
   * Sends each refused event again under its Idempotency-Key, as a client told 503 does, until it
   * is accepted or the recovery window ends; what stays refused is left in {@code refused}. One
   * that was committed though its answer was lost comes back with the id it was stored under.
   */
  private void resendRefused(Map<String, String> refused, Set<String> accepted)
      throws InterruptedException {
    long deadline = System.nanoTime() + options.recovery().toNanos();
    while (!refused.isEmpty() && System.nanoTime() < deadline) {
      for (Map.Entry<String, String> event : Map.copyOf(refused).entrySet()) {
        HooklineClient.Sent sent = client.sendForId(app, event.getValue(), event.getKey());
        if (sent.id() != null) {
          accepted.add(sent.id());
          refused.remove(event.getKey());
        }
      }
      if (!refused.isEmpty()) {
        Thread.sleep(1000);
      }
    }
  }

  private void awaitUntil(BooleanSupplier done) throws InterruptedException {
    long deadline = System.nanoTime() + options.recovery().toNanos();
    while (!done.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
  }

  /** Deliveries of the chaos app not yet delivered, once they are all settled or time is up. */
  private long waitForPending() throws InterruptedException {
    long deadline = System.nanoTime() + options.recovery().toNanos();
    long pending;
    do {
      pending =
          count(
              "select count(*) from delivery d join message m on m.id = d.message_id"
                  + " where m.app_id = ? and d.status <> 'DELIVERED'");
      if (pending > 0) {
        Thread.sleep(200);
      }
    } while (pending > 0 && System.nanoTime() < deadline);
    return pending;
  }

  private long stored(Set<String> ids) {
    long found = 0;
    for (String id : ids) {
      found +=
          count(
              "select count(*) from message where app_id = ? and id = '"
                  + id.replace("'", "")
                  + "'");
    }
    return found;
  }

  private long count(String sql) {
    try (Connection connection = stack.database().connect();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, app);
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void print(List<Step> steps) {
    System.out.println();
    System.out.printf(
        "%-10s %7s %9s %-24s %9s %10s %5s %11s %8s %9s %12s%n",
        "fault",
        "sent",
        "at once",
        "refused",
        "accepted",
        "delivered",
        "lost",
        "duplicates",
        "pending",
        "fault s",
        "recovered s");
    for (Step s : steps) {
      System.out.printf(
          "%-10s %7d %9d %-24s %9d %10d %5d %11d %8d %9.1f %12.1f  %s%n",
          s.fault(),
          s.sent(),
          s.acceptedFirstTime(),
          refusals(s.refusals()),
          s.accepted(),
          s.delivered(),
          s.lost(),
          s.duplicates(),
          s.pending(),
          s.faultTook().toMillis() / 1000.0,
          s.recovered().toMillis() / 1000.0,
          s.passed() ? "ok" : "FAILED");
    }
  }

  /** Refusals as {@code 503×12 not-hookline:404×3}, or a dash. */
  private static String refusals(Map<String, Long> byReason) {
    if (byReason.isEmpty()) {
      return "-";
    }
    StringBuilder text = new StringBuilder();
    new java.util.TreeMap<>(byReason)
        .forEach(
            (reason, count) ->
                text.append(text.isEmpty() ? "" : " ").append(reason).append('×').append(count));
    return text.toString();
  }

  private static JsonObject refusalsJson(Map<String, Long> byReason) {
    var json = Json.createObjectBuilder();
    byReason.forEach(json::add);
    return json.build();
  }

  private Path write(List<Step> steps) {
    JsonArrayBuilder list = Json.createArrayBuilder();
    for (Step s : steps) {
      list.add(
          Json.createObjectBuilder()
              .add("fault", s.fault())
              .add("sent", s.sent())
              .add("acceptedFirstTime", s.acceptedFirstTime())
              .add("refusedByStatus", refusalsJson(s.refusals()))
              .add("notAcceptedOnResend", s.notAcceptedOnResend())
              .add("accepted", s.accepted())
              .add("delivered", s.delivered())
              .add("lost", s.lost())
              .add("duplicates", s.duplicates())
              .add("pending", s.pending())
              .add("deliveredButNotStored", s.deliveredButNotStored())
              .add("faultSeconds", s.faultTook().toMillis() / 1000.0)
              .add("recoveredSeconds", s.recovered().toMillis() / 1000.0)
              .add("passed", s.passed()));
    }
    JsonObject json =
        Json.createObjectBuilder()
            .add("events", options.events())
            .add("rate", options.rate())
            .add("steps", list)
            .build();
    return Report.writePretty(Path.of("target", "chaos", "results.json"), json);
  }
}
