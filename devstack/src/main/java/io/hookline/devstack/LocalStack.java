package io.hookline.devstack;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BinaryOperator;
import java.util.function.Function;

/**
 * Artemis and Payara Micro with Hookline on this machine, against the configured PostgreSQL, as
 * {@code ./hookline up} runs them. The benchmark builds the same stack with its own ports, data
 * directory and database, so what it measures is what a developer runs.
 *
 * @param data where the broker journal, Micro's root, logs and the generated secrets live
 */
public record LocalStack(
    Path data, Secrets secrets, Database database, ArtemisBroker broker, PayaraMicro micro)
    implements AutoCloseable {

  /**
   * Payara Micro's resident memory is its heap plus about 360 MiB besides (metaspace, compiled
   * code, the collector's tables, threads; measured with native memory tracking). With 768 MiB of
   * heap, batches of 1,000 messages took a node to 1,047 MiB; with 512 it peaks lower at the same
   * speed, while the live set stays near 230 MiB. The integration tests run their nodes with these
   * too, so they test the heap users get.
   */
  public static final String MICRO_JAVA_OPTS = "-Xms256m -Xmx512m " + LocalStack.PRIORITY_OPTS;

  /**
   * Lets the delivery consumers run at nice 5, below the node's other threads (ConsumerPriority).
   * Java priorities reach Linux only with the policy flag; the lowest maps to nice 5, and the ones
   * above normal, which the JVM gives its own threads (the collector, the compilers, the reference
   * handler), map to 0, so that a node run as root behaves as one run as a user, who may lower a
   * thread's priority but not raise it.
   */
  public static final String PRIORITY_OPTS =
      "-XX:ThreadPriorityPolicy=1 -XX:JavaPriority1_To_OSPriority=5"
          + " -XX:JavaPriority6_To_OSPriority=0 -XX:JavaPriority7_To_OSPriority=0"
          + " -XX:JavaPriority8_To_OSPriority=0 -XX:JavaPriority9_To_OSPriority=0"
          + " -XX:JavaPriority10_To_OSPriority=0";

  /**
   * @param settings the value of a {@code HOOKLINE_*} setting, or null for its default
   */
  public static LocalStack configure(Function<String, String> settings) {
    return configure(settings, Map.of());
  }

  /**
   * @param applicationSettings more environment for Payara Micro: Hookline's own settings, such as
   *     a shorter retry schedule for a crash test
   */
  public static LocalStack configure(
      Function<String, String> settings, Map<String, String> applicationSettings) {
    BinaryOperator<String> setting =
        (name, fallback) -> {
          String value = settings.apply(name);
          return value == null || value.isBlank() ? fallback : value;
        };
    StackFiles files =
        StackFiles.at(Path.of(setting.apply("HOOKLINE_STACK_DIR", "devstack/target/stack")));
    Path data = Path.of(setting.apply("HOOKLINE_DATA_DIR", ".hookline")).toAbsolutePath();
    Secrets secrets = Secrets.loadOrCreate(data.resolve("secrets.properties"));
    Database database =
        new Database(
            setting.apply("HOOKLINE_DB_HOST", "127.0.0.1"),
            Integer.parseInt(setting.apply("HOOKLINE_DB_PORT", "5432")),
            setting.apply("HOOKLINE_DB_NAME", "hookline"),
            setting.apply("HOOKLINE_DB_USER", "postgres"),
            setting.apply("HOOKLINE_DB_PASSWORD", "postgres"));
    ArtemisBroker broker =
        new ArtemisBroker(
            new ArtemisBroker.Settings(
                files.artemisHome(),
                data.resolve("artemis"),
                files.brokerXml(),
                "127.0.0.1",
                Integer.parseInt(setting.apply("HOOKLINE_ARTEMIS_PORT", "61616")),
                Integer.parseInt(setting.apply("HOOKLINE_ARTEMIS_CONSOLE_PORT", "8161")),
                "hookline",
                secrets.brokerPassword(),
                Map.of()));

    Map<String, String> appEnv = new HashMap<>();
    appEnv.putAll(database.environment());
    appEnv.putAll(broker.settings().clientEnvironment());
    appEnv.put("HOOKLINE_ADMIN_TOKEN", secrets.adminToken());
    appEnv.put("HOOKLINE_SECRETS_KEY", secrets.secretsKey());
    // A developer's receivers run on this machine; production keeps both off (the default).
    appEnv.put(
        "HOOKLINE_DELIVERY_ALLOW_PRIVATE_TARGETS",
        setting.apply("HOOKLINE_DELIVERY_ALLOW_PRIVATE_TARGETS", "true"));
    appEnv.put(
        "HOOKLINE_DELIVERY_ALLOW_HTTP", setting.apply("HOOKLINE_DELIVERY_ALLOW_HTTP", "true"));
    // The portal page's address and framing origins may be plain http on a developer's machine.
    appEnv.put("HOOKLINE_PORTAL_ALLOW_HTTP", setting.apply("HOOKLINE_PORTAL_ALLOW_HTTP", "true"));
    appEnv.putAll(applicationSettings);
    PayaraMicro micro =
        new PayaraMicro(
            new PayaraMicro.Settings(
                files.payaraMicroJar(),
                files.artemisRar(),
                files.microWar(),
                setting.apply("HOOKLINE_BIND_ADDRESS", "127.0.0.1"),
                Integer.parseInt(setting.apply("HOOKLINE_HTTP_PORT", "8080")),
                data.resolve("micro"),
                appEnv,
                Arrays.asList(
                    setting.apply("HOOKLINE_MICRO_JAVA_OPTS", MICRO_JAVA_OPTS).split(" +"))));
    micro.javaFrom(name -> setting.apply(name, null));
    return new LocalStack(data, secrets, database, broker, micro);
  }

  /**
   * Creates the database if missing (or anew, when {@code fresh}), then starts broker and Micro.
   */
  public LocalStack start(boolean freshDatabase) {
    database.ensureExists(freshDatabase);
    broker.start();
    micro.start();
    return this;
  }

  public boolean privateTargetsAllowed() {
    return "true"
        .equals(micro.settings().environment().get("HOOKLINE_DELIVERY_ALLOW_PRIVATE_TARGETS"));
  }

  /** Micro first: it stalls on a vanished broker. */
  @Override
  public void close() {
    micro.close();
    broker.close();
  }
}
