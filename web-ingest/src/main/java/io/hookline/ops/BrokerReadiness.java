package io.hookline.ops;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while the Artemis broker accepts connections: an accepted message is queued there in
 * the same transaction. A plain TCP check, so a broker that hangs cannot hang the check.
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

  @Override
  public HealthCheckResponse call() {
    String address = host + ":" + port;
    String refusal = unreachable();
    if (refusal == null) {
      return HealthCheckResponse.named("broker").up().withData("address", address).build();
    }
    return HealthCheckResponse.named("broker")
        .down()
        .withData("address", address)
        .withData("reason", refusal)
        .build();
  }

  /** Why the broker does not accept a TCP connection within a second, or null when it does. */
  public String unreachable() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), 1000);
      return null;
    } catch (IOException e) {
      return "cannot connect: " + e.getMessage();
    }
  }
}
