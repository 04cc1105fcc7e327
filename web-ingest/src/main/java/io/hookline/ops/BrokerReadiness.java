package io.hookline.ops;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while a broker accepts connections: an accepted message is queued there in the same
 * transaction. With a primary/backup pair either will do; a passive backup opens its port only once
 * it has taken over, so an open port means an active broker. A plain TCP check, so a broker that
 * hangs cannot hang the check.
 */
@Readiness
@ApplicationScoped
public class BrokerReadiness implements HealthCheck {

  @Inject
  @ConfigProperty(name = "hookline.artemis.host", defaultValue = "127.0.0.1")
  String host;

  @Inject
  @ConfigProperty(name = "hookline.artemis.port", defaultValue = "61616")
  int port;

  @Inject
  @ConfigProperty(name = "hookline.artemis.backup-host")
  Optional<String> backupHost;

  @Inject
  @ConfigProperty(name = "hookline.artemis.backup-port", defaultValue = "61616")
  int backupPort;

  @Override
  public HealthCheckResponse call() {
    Probe probe = probe();
    HealthCheckResponseBuilder response = HealthCheckResponse.named("broker");
    if (probe.reached() != null) {
      return response.up().withData("address", probe.reached()).build();
    }
    return response
        .down()
        .withData("address", String.join(",", addresses()))
        .withData("reason", probe.refusals())
        .build();
  }

  /** Why no broker accepts a TCP connection within a second, or null when one does. */
  public String unreachable() {
    return probe().refusals();
  }

  /** The first address that accepted, or null and why each refused. */
  record Probe(String reached, String refusals) {}

  Probe probe() {
    List<String> refusals = new ArrayList<>();
    for (String address : addresses()) {
      String refusal = refusal(address);
      if (refusal == null) {
        return new Probe(address, null);
      }
      refusals.add(address + ": " + refusal);
    }
    return new Probe(null, String.join("; ", refusals));
  }

  /**
   * The broker's address, then its backup's when there is one. A backup naming the broker itself
   * (how a node with one broker is configured) is the one broker.
   */
  List<String> addresses() {
    List<String> addresses = new ArrayList<>(List.of(host + ":" + port));
    backupHost
        .filter(backup -> !backup.isBlank())
        .map(backup -> backup + ":" + backupPort)
        .filter(backup -> !addresses.contains(backup))
        .ifPresent(addresses::add);
    return addresses;
  }

  private static String refusal(String address) {
    int colon = address.lastIndexOf(':');
    try (Socket socket = new Socket()) {
      socket.connect(
          new InetSocketAddress(
              address.substring(0, colon), Integer.parseInt(address.substring(colon + 1))),
          1000);
      return null;
    } catch (IOException e) {
      return "cannot connect: " + e.getMessage();
    }
  }
}
