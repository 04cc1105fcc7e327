package io.hookline.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BalancerTest {
  private final Balancer balancer =
      new Balancer(
          Path.of("unused"),
          18580,
          List.of(
              new Balancer.Backend("node1", "127.0.0.1", 18581),
              new Balancer.Backend("node3", "10.231.0.2", 18583)));

  @Test
  void routesOnlyToNodesWhoseReadinessAnswered200AndNamesTheNodeThatAnswered() {
    String config = balancer.configuration();
    assertTrue(config.contains("http-check send meth GET uri /health/ready"), config);
    assertTrue(config.contains("http-check expect status 200"), config);
    assertTrue(config.contains("server node1 127.0.0.1:18581 check"), config);
    assertTrue(config.contains("server node3 10.231.0.2:18583 check"), config);
    assertTrue(config.contains("http-response set-header X-Hookline-Node %[srv_name]"), config);
    assertTrue(config.contains("bind 127.0.0.1:18580"), config);
  }

  /**
   * HAProxy itself accepts the file ({@code ./hookline test} installs it from Debian's packages).
   */
  @Test
  void haproxyAcceptsTheConfiguration(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("haproxy.cfg");
    Files.writeString(file, balancer.configuration());
    Process check =
        new ProcessBuilder("/usr/sbin/haproxy", "-c", "-f", file.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(check.getInputStream().readAllBytes());
    assertEquals(0, check.waitFor(), output);
  }
}
