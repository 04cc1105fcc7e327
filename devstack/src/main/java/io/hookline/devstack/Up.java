package io.hookline.devstack;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./hookline up}: Artemis and Payara Micro with Hookline on this machine, against the
 * configured PostgreSQL, until Ctrl-C. Everything it keeps is under the data directory.
 */
public final class Up {
  private Up() {}

  public static void main(String[] args) throws InterruptedException {
    StackFiles files = StackFiles.at(Path.of(env("HOOKLINE_STACK_DIR", "devstack/target/stack")));
    Path data = Path.of(env("HOOKLINE_DATA_DIR", ".hookline")).toAbsolutePath();
    Secrets secrets = Secrets.loadOrCreate(data.resolve("secrets.properties"));

    Database database =
        new Database(
            env("HOOKLINE_DB_HOST", "127.0.0.1"),
            Integer.parseInt(env("HOOKLINE_DB_PORT", "5432")),
            env("HOOKLINE_DB_NAME", "hookline"),
            env("HOOKLINE_DB_USER", "postgres"),
            env("HOOKLINE_DB_PASSWORD", "postgres"));
    database.ensureExists(false);

    ArtemisBroker broker =
        new ArtemisBroker(
            new ArtemisBroker.Settings(
                files.artemisHome(),
                data.resolve("artemis"),
                files.brokerXml(),
                "127.0.0.1",
                Integer.parseInt(env("HOOKLINE_ARTEMIS_PORT", "61616")),
                Integer.parseInt(env("HOOKLINE_ARTEMIS_CONSOLE_PORT", "8161")),
                "hookline",
                secrets.brokerPassword(),
                Map.of()));

    Map<String, String> appEnv = new HashMap<>();
    appEnv.putAll(database.environment());
    appEnv.putAll(broker.settings().clientEnvironment());
    appEnv.put("HOOKLINE_ADMIN_TOKEN", secrets.adminToken());
    appEnv.put("HOOKLINE_SECRETS_KEY", secrets.secretsKey());
    // A developer's receivers run on this machine; production keeps both off (the default).
    appEnv.putIfAbsent(
        "HOOKLINE_DELIVERY_ALLOW_PRIVATE_TARGETS",
        env("HOOKLINE_DELIVERY_ALLOW_PRIVATE_TARGETS", "true"));
    appEnv.putIfAbsent("HOOKLINE_DELIVERY_ALLOW_HTTP", env("HOOKLINE_DELIVERY_ALLOW_HTTP", "true"));
    int httpPort = Integer.parseInt(env("HOOKLINE_HTTP_PORT", "8080"));
    PayaraMicro micro =
        new PayaraMicro(
            new PayaraMicro.Settings(
                files.payaraMicroJar(),
                files.artemisRar(),
                files.microWar(),
                env("HOOKLINE_BIND_ADDRESS", "127.0.0.1"),
                httpPort,
                data.resolve("micro"),
                appEnv,
                List.of("-Xms256m", "-Xmx768m")));

    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  System.out.println("\nStopping Payara Micro and Artemis...");
                  micro.close();
                  broker.close();
                  System.out.println("Stopped. Data is kept in " + data);
                  stopped.countDown();
                }));

    System.out.println("Starting Artemis (instance in " + data.resolve("artemis") + ")...");
    broker.start();
    System.out.println(
        "Starting Payara Micro with Hookline (log: " + data.resolve("micro.log") + ")...");
    micro.start();

    String base = micro.settings().baseUrl();
    System.out.println();
    System.out.println("Hookline is running.");
    System.out.println("  API             " + base + "/api/v1");
    System.out.println("  OpenAPI         " + base + "/openapi");
    System.out.println("  Metrics         " + base + "/metrics");
    System.out.println("  Admin token     " + secrets.adminToken());
    System.out.println("                  (send it as: Authorization: Bearer <token>)");
    System.out.println(
        "  Artemis console "
            + broker.settings().consoleUrl()
            + "  (login: hookline / "
            + secrets.brokerPassword()
            + ")");
    System.out.println("  Database        " + database.jdbcUrl());
    System.out.println("  Data and logs   " + data);
    if ("true".equals(appEnv.get("HOOKLINE_DELIVERY_ALLOW_PRIVATE_TARGETS"))) {
      System.out.println(
          "  Dev mode: endpoints may be http and on this machine or private networks;");
      System.out.println("  a production server refuses both unless told otherwise.");
    }
    System.out.println("Press Ctrl-C to stop.");
    stopped.await();
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
