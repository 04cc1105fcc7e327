package io.hookline.it;

import io.hookline.devstack.ArtemisBroker;
import io.hookline.devstack.Database;
import io.hookline.devstack.Directories;
import io.hookline.devstack.LocalStack;
import io.hookline.devstack.PayaraMicro;
import io.hookline.devstack.StackFiles;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The servers the integration tests run against, started at most once per test JVM (one failsafe
 * execution) and stopped when the JUnit session closes ({@link StackSession}).
 */
public final class TestStack {
  public static final String ADMIN_TOKEN = "it-admin-token-" + Long.toHexString(System.nanoTime());

  /** Who may frame the portal page in the tests' deployment. */
  public static final String PORTAL_FRAME_ANCESTORS = "'self' https://app.example.com";

  /** Requests a minute one portal link may make (PortalAccessIT goes past it). */
  public static final int PORTAL_MAX_REQUESTS = 400;

  public static final String SECRETS_KEY = Base64.getEncoder().encodeToString(new byte[32]);

  /**
   * Few, quick retries, so retries and dead letters happen within a test; the waits differ so a
   * test can tell that the schedule is followed.
   */
  public static final String SCHEDULE = "0s,400ms,1500ms,400ms";

  public static final int MAX_ATTEMPTS = 4;

  /** Deliveries a recovery re-queues per transaction: its first batch before it answers. */
  public static final int RECOVER_BATCH_SIZE = 3;

  /** Readiness goes down above this many messages on hookline.deliveries (HealthIT). */
  public static final int QUEUE_DEPTH_THRESHOLD = 50;

  static final int BROKER_PORT = 61626;
  static final int CONSOLE_PORT = 8171;
  static final int MICRO_PORT = 18090;
  static final int OTLP_PORT = 18318;

  private static ArtemisBroker broker;
  private static PayaraMicro secondNode;
  private static OtlpReceiver traces;
  private static PayaraMicro micro;
  private static Database database;

  private TestStack() {}

  static Path itDir() {
    return Path.of(System.getProperty("hookline.it.dir", "target/it")).toAbsolutePath();
  }

  static StackFiles files() {
    return StackFiles.at(
        Path.of(System.getProperty("hookline.stack.dir", "../devstack/target/stack")));
  }

  public static synchronized ArtemisBroker broker() {
    if (broker == null) {
      broker = newBroker("artemis", BROKER_PORT, CONSOLE_PORT).start();
    }
    return broker;
  }

  /** A broker as the tests run it, in a fresh instance directory under the IT directory. */
  static ArtemisBroker newBroker(String instanceName, int port, int consolePort) {
    Path instance = itDir().resolve(instanceName);
    Directories.deleteRecursively(instance);
    return new ArtemisBroker(
        new ArtemisBroker.Settings(
            files().artemisHome(),
            instance,
            files().brokerXml(),
            "127.0.0.1",
            port,
            consolePort,
            "hookline",
            "it-broker-password",
            Map.of(
                "hookline.redelivery.delay-ms",
                "300",
                "hookline.redelivery.multiplier",
                "1.0",
                "hookline.dlq.expiry-delay-ms",
                "30000",
                "hookline.expiry-scan-period-ms",
                "1000")));
  }

  /** A fresh database of that name for this run. */
  public static synchronized Database database(String name) {
    Database db = new Database("127.0.0.1", 5432, name, "postgres", "postgres");
    db.ensureExists(true);
    return db;
  }

  /** The portal page's address that links start with (HOOKLINE_PORTAL_URL). */
  public static String portalUrl() {
    return "http://127.0.0.1:" + MICRO_PORT + "/portal/";
  }

  /** Hookline's environment for a server pointed at this broker and database. */
  public static Map<String, String> applicationEnvironment(Database db) {
    return applicationEnvironment(db, broker());
  }

  /** The same, for a server on another broker. */
  static Map<String, String> applicationEnvironment(Database db, ArtemisBroker broker) {
    Map<String, String> env = new HashMap<>();
    env.putAll(db.environment());
    env.putAll(broker.settings().clientEnvironment());
    env.put("HOOKLINE_ADMIN_TOKEN", ADMIN_TOKEN);
    env.put("HOOKLINE_SECRETS_KEY", SECRETS_KEY);
    env.put("HOOKLINE_DELIVERY_SCHEDULE", SCHEDULE);
    env.put("HOOKLINE_DELIVERY_RETRY_AFTER_CAP", "PT3S");
    env.put("HOOKLINE_RECONCILER_INTERVAL", "PT1S");
    env.put("HOOKLINE_BREAKER_COOL_DOWN", "PT3S");
    env.put("HOOKLINE_BREAKER_PROBE_TIMEOUT", "PT10S");
    env.put("HOOKLINE_RECONCILER_GRACE", "PT2S");
    env.put("HOOKLINE_DELIVERY_TIMEOUT", "PT5S");
    env.put("HOOKLINE_RETENTION_INTERVAL", "PT1S");
    // Small batches, so that a recovery of a few deliveries runs on in the background
    // (SvixEndpointIT), looked at every second.
    env.put("HOOKLINE_RECOVER_BATCH_SIZE", String.valueOf(RECOVER_BATCH_SIZE));
    env.put("HOOKLINE_RECOVER_INTERVAL", "PT1S");
    env.put("HOOKLINE_HEALTH_QUEUE_DEPTH_THRESHOLD", String.valueOf(QUEUE_DEPTH_THRESHOLD));
    // The receivers are on loopback, over http.
    env.put("HOOKLINE_DELIVERY_ALLOW_PRIVATE_TARGETS", "true");
    env.put("HOOKLINE_DELIVERY_ALLOW_HTTP", "true");
    // No test connects from this loopback address but TokensIT's proxy test.
    env.put("HOOKLINE_TRUSTED_PROXIES", "127.0.0.4");
    env.put("HOOKLINE_PORTAL_FRAME_ANCESTORS", PORTAL_FRAME_ANCESTORS);
    // Links point at the first node, over http as in dev mode (checked at start).
    env.put("HOOKLINE_PORTAL_ALLOW_HTTP", "true");
    env.put("HOOKLINE_PORTAL_URL", portalUrl());
    env.put("HOOKLINE_PORTAL_MAX_REQUESTS", String.valueOf(PORTAL_MAX_REQUESTS));
    return env;
  }

  /** Payara Micro with the test WAR (the real WAR plus test-only fault observers). */
  public static synchronized PayaraMicro micro() {
    if (micro == null) {
      database = database("hookline_it");
      micro = startMicro(List.of());
    }
    return micro;
  }

  private static PayaraMicro startMicro(List<String> prebootCommands) {
    Path war = TestWar.build(files().microWar(), itDir().resolve("hookline-test.war"));
    return new PayaraMicro(
            new PayaraMicro.Settings(
                files().payaraMicroJar(),
                files().artemisRar(),
                war,
                "127.0.0.1",
                MICRO_PORT,
                itDir().resolve("micro"),
                microEnvironment(database),
                List.of(LocalStack.MICRO_JAVA_OPTS.split(" ")),
                prebootCommands))
        .start();
  }

  /**
   * The test Micro started again, on the same database, port and broker, with its transaction
   * service's default timeout set to {@code seconds} (Payara's own default is none). Until {@link
   * #restoreMicro()}, every test of this JVM talks to that node.
   */
  public static synchronized PayaraMicro microWithTransactionTimeout(int seconds) {
    micro();
    micro.close();
    micro =
        startMicro(
            List.of(
                "set configs.config.server-config.transaction-service.timeout-in-seconds="
                    + seconds));
    return micro;
  }

  /** The test Micro started again as {@link #micro()} starts it, on the same database. */
  public static synchronized void restoreMicro() {
    if (micro != null) {
      micro.close();
    }
    micro = startMicro(List.of());
  }

  /**
   * Fault Tolerance's @Retry on the outbound call raised from 1 to 2 the MicroProfile Config way
   * (an environment variable), on Micro only: DeliveryIT sees the override, the EAR the default.
   */
  public static final int MICRO_FT_MAX_RETRIES = 2;

  /** Where the test Micro exports its spans (OTLP over HTTP), for TracingIT. */
  public static synchronized OtlpReceiver traces() {
    if (traces == null) {
      traces = OtlpReceiver.start(OTLP_PORT);
    }
    return traces;
  }

  private static Map<String, String> microEnvironment(Database db) {
    Map<String, String> env = applicationEnvironment(db);
    // MicroProfile Telemetry, off by default, on here: every span to the test's receiver.
    env.put("OTEL_SDK_DISABLED", "false");
    env.put("OTEL_SERVICE_NAME", "hookline");
    env.put("OTEL_TRACES_EXPORTER", "otlp");
    env.put("OTEL_METRICS_EXPORTER", "none");
    env.put("OTEL_LOGS_EXPORTER", "none");
    env.put("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
    env.put("OTEL_EXPORTER_OTLP_ENDPOINT", traces().endpoint());
    env.put("OTEL_BSP_SCHEDULE_DELAY", "200");
    env.put(
        "IO_HOOKLINE_DELIVERY_OUTBOUND_OUTBOUNDCALL_POST_RETRY_MAXRETRIES",
        String.valueOf(MICRO_FT_MAX_RETRIES));
    return env;
  }

  /**
   * A second Micro node on the same database and broker, for the tests of what must hold across
   * nodes; started by those tests and stopped after them, so other tests see one node.
   */
  public static synchronized PayaraMicro secondNode() {
    if (secondNode == null) {
      micro();
      secondNode =
          new PayaraMicro(
                  new PayaraMicro.Settings(
                      files().payaraMicroJar(),
                      files().artemisRar(),
                      itDir().resolve("hookline-test.war"),
                      "127.0.0.1",
                      MICRO_PORT + 1,
                      itDir().resolve("micro-2"),
                      microEnvironment(database),
                      List.of(LocalStack.MICRO_JAVA_OPTS.split(" "))))
              .start();
    }
    return secondNode;
  }

  public static synchronized void stopSecondNode() {
    if (secondNode != null) {
      secondNode.close();
      secondNode = null;
    }
  }

  public static Database microDatabase() {
    micro();
    return database;
  }

  public static Api microApi() {
    return new Api(micro().settings().baseUrl(), ADMIN_TOKEN);
  }

  static synchronized void stopAll() {
    ProductionNode.stop();
    stopSecondNode();
    if (micro != null) {
      micro.close();
      micro = null;
    }
    if (broker != null) {
      broker.close();
      broker = null;
    }
    if (traces != null) {
      traces.close();
      traces = null;
    }
  }
}
