package io.hookline.it;

import io.hookline.devstack.ArtemisBroker;
import io.hookline.devstack.Database;
import io.hookline.devstack.LocalStack;
import io.hookline.devstack.PayaraMicro;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Payara Micro node with the production WAR and the production target rules (no plain http, no
 * internal targets), for the security tests. It has a broker and a database of its own: on the
 * shared ones the test node, which allows loopback targets, would take some of its deliveries.
 *
 * <p>Its JVM resolves names from a hosts file the test writes ({@code jdk.net.hosts.file}): a copy
 * of this machine's /etc/hosts plus names of the test's own, so a test can make a name answer with
 * any address, and change that answer, without DNS. Lookups are not cached ({@code
 * sun.net.inetaddr.ttl=0}), so a changed answer is seen at the next lookup, as it would be once a
 * DNS answer's TTL runs out.
 */
final class ProductionNode {
  static final int BROKER_PORT = TestStack.BROKER_PORT + 20;
  static final int CONSOLE_PORT = TestStack.CONSOLE_PORT + 2;
  static final int MICRO_PORT = TestStack.MICRO_PORT + 2;

  private static ArtemisBroker broker;
  private static PayaraMicro micro;
  private static Database database;
  private static final Map<String, List<String>> names = new LinkedHashMap<>();

  private ProductionNode() {}

  /**
   * Starts the broker and the node, the hosts file answering {@code extraNames} (name to addresses)
   * besides what /etc/hosts answers.
   */
  static synchronized PayaraMicro start(Map<String, List<String>> extraNames) {
    if (micro != null) {
      throw new IllegalStateException("the production node is already running");
    }
    names.clear();
    names.putAll(extraNames);
    writeHostsFile();
    database = TestStack.database("hookline_it_prod");
    broker = TestStack.newBroker("artemis-prod", BROKER_PORT, CONSOLE_PORT).start();
    Map<String, String> env = TestStack.applicationEnvironment(database, broker);
    // The production defaults: https only, no loopback, private or link-local targets.
    env.remove("HOOKLINE_DELIVERY_ALLOW_PRIVATE_TARGETS");
    env.remove("HOOKLINE_DELIVERY_ALLOW_HTTP");
    List<String> jvm = new ArrayList<>(List.of(LocalStack.MICRO_JAVA_OPTS.split(" ")));
    jvm.add("-Djdk.net.hosts.file=" + hostsFile());
    jvm.add("-Dsun.net.inetaddr.ttl=0");
    micro =
        new PayaraMicro(
                new PayaraMicro.Settings(
                    TestStack.files().payaraMicroJar(),
                    TestStack.files().artemisRar(),
                    TestStack.files().microWar(),
                    "127.0.0.1",
                    MICRO_PORT,
                    TestStack.itDir().resolve("micro-prod"),
                    env,
                    jvm))
            .start();
    return micro;
  }

  static Api adminApi() {
    return api(TestStack.ADMIN_TOKEN);
  }

  static Api api(String token) {
    return new Api(micro.settings().baseUrl(), token);
  }

  /** From the next lookup on, {@code name} answers with {@code addresses}. */
  static synchronized void answer(String name, String... addresses) {
    names.put(name, List.of(addresses));
    writeHostsFile();
  }

  static Path log() {
    return TestStack.itDir().resolve("micro-prod.log");
  }

  static synchronized void stop() {
    if (micro != null) {
      micro.close();
      micro = null;
    }
    if (broker != null) {
      broker.close();
      broker = null;
    }
  }

  private static Path hostsFile() {
    return TestStack.itDir().resolve("prod-hosts");
  }

  /** Replaced in one move, so the node never reads half a file. */
  private static void writeHostsFile() {
    StringBuilder hosts = new StringBuilder();
    try {
      Path system = Path.of("/etc/hosts");
      if (Files.isReadable(system)) {
        hosts.append(Files.readString(system, StandardCharsets.UTF_8)).append('\n');
      }
      // Payara looks up this machine's name; not every /etc/hosts has it.
      Path hostname = Path.of("/proc/sys/kernel/hostname");
      if (Files.isReadable(hostname)) {
        hosts.append("127.0.0.1 ").append(Files.readString(hostname).trim()).append('\n');
      }
      names.forEach(
          (name, addresses) ->
              addresses.forEach(a -> hosts.append(a).append(' ').append(name).append('\n')));
      Files.createDirectories(hostsFile().getParent());
      Path next = hostsFile().resolveSibling("prod-hosts.next");
      Files.writeString(next, hosts.toString(), StandardCharsets.UTF_8);
      Files.move(
          next, hostsFile(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
