package io.hookline.devstack;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./hookline up}: Artemis and Payara Micro with Hookline on this machine, against the
 * configured PostgreSQL, until Ctrl-C. Everything it keeps is under the data directory.
 */
public final class Up {
  private Up() {}

  public static void main(String[] args) throws InterruptedException {
    LocalStack stack = LocalStack.configure(System::getenv);
    Path data = stack.data();
    Secrets secrets = stack.secrets();
    Database database = stack.database();
    ArtemisBroker broker = stack.broker();
    PayaraMicro micro = stack.micro();
    database.ensureExists(false);

    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  System.out.println("\nStopping Payara Micro and Artemis...");
                  stack.close();
                  System.out.println("Stopped. Data is kept in " + data);
                  stopped.countDown();
                }));

    System.out.println("Starting Artemis (instance in " + data.resolve("artemis") + ")...");
    broker.start();
    System.out.println(
        "Starting Payara Micro with Hookline on "
            + MicroJava.describe(micro.java())
            + " (log: "
            + data.resolve("micro.log")
            + ")...");
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
    if (stack.privateTargetsAllowed()) {
      System.out.println(
          "  Dev mode: endpoints may be http and on this machine or private networks;");
      System.out.println("  a production server refuses both unless told otherwise.");
    }
    System.out.println("Press Ctrl-C to stop.");
    stopped.await();
  }
}
