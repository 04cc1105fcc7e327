package io.hookline.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BrokerReadinessTest {

  @Test
  void aSingleBrokerIsTheOnlyAddress() {
    BrokerReadiness readiness = readiness(61616, Optional.empty(), 61616);
    assertEquals(List.of("127.0.0.1:61616"), readiness.addresses());
  }

  @Test
  void theBackupIsCheckedWhenThePrimaryRefuses() throws IOException {
    int closed = closedPort();
    try (ServerSocket backup = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      BrokerReadiness readiness =
          readiness(closed, Optional.of("127.0.0.1"), backup.getLocalPort());
      assertNull(readiness.unreachable());
      assertEquals("127.0.0.1:" + backup.getLocalPort(), readiness.probe().reached());
    }
  }

  @Test
  void downNamesEveryAddressThatRefused() throws IOException {
    int primary = closedPort();
    int backup = closedPort();
    BrokerReadiness readiness = readiness(primary, Optional.of("127.0.0.1"), backup);
    String reason = readiness.unreachable();
    assertNotNull(reason);
    assertTrue(reason.contains("127.0.0.1:" + primary), reason);
    assertTrue(reason.contains("127.0.0.1:" + backup), reason);
    assertNull(readiness.probe().reached());
  }

  @Test
  void aBlankBackupHostMeansNoBackup() {
    BrokerReadiness readiness = readiness(61616, Optional.of(" "), 61617);
    assertEquals(List.of("127.0.0.1:61616"), readiness.addresses());
  }

  @Test
  void aBackupNamingTheBrokerItselfIsTheOneBroker() {
    BrokerReadiness readiness = readiness(61716, Optional.of("127.0.0.1"), 61716);
    assertEquals(List.of("127.0.0.1:61716"), readiness.addresses());
  }

  private static BrokerReadiness readiness(int port, Optional<String> backupHost, int backupPort) {
    BrokerReadiness readiness = new BrokerReadiness();
    readiness.host = "127.0.0.1";
    readiness.port = port;
    readiness.backupHost = backupHost;
    readiness.backupPort = backupPort;
    return readiness;
  }

  /** A loopback port nothing listens on: bound, then released. */
  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
