package io.hookline.bench;

import io.hookline.devstack.ChildProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * HAProxy, from Debian's packages, in front of the crash suite's nodes as users run one: it sends a
 * request only to a node whose {@code /health/ready} answered 200 at its last two checks, every
 * half second, and names the node that answered in {@link HooklineClient#NODE_HEADER}.
 */
final class Balancer implements AutoCloseable {
  /** One node behind the balancer. */
  record Backend(String name, String host, int port) {}

  private final Path dir;
  private final int port;
  private final List<Backend> backends;
  private ChildProcess process;

  Balancer(Path dir, int port, List<Backend> backends) {
    this.dir = dir;
    this.port = port;
    this.backends = List.copyOf(backends);
  }

  String url() {
    return "http://127.0.0.1:" + port;
  }

  /**
   * A connection refused is tried again on another node (no request was sent); a request a node
   * took is never sent twice by the balancer: the client decides, under its Idempotency-Key.
   */
  String configuration() {
    StringBuilder config =
        new StringBuilder(
            """
            global
              maxconn 4096

            defaults
              mode http
              timeout connect 2s
              timeout client 90s
              timeout server 90s
              timeout check 2s
              timeout http-keep-alive 10s
              retries 2
              option redispatch 1

            frontend api
              bind 127.0.0.1:%d
              default_backend nodes

            backend nodes
              balance roundrobin
              option httpchk
              http-check send meth GET uri /health/ready
              http-check expect status 200
              http-response set-header %s %%[srv_name]
              default-server inter 500ms fall 2 rise 2
            """
                .formatted(port, HooklineClient.NODE_HEADER));
    for (Backend backend : backends) {
      config
          .append("  server ")
          .append(backend.name())
          .append(' ')
          .append(backend.host())
          .append(':')
          .append(backend.port())
          .append(" check\n");
    }
    return config.toString();
  }

  Balancer start() {
    try {
      Files.createDirectories(dir);
      Path config = dir.resolve("haproxy.cfg");
      Files.writeString(config, configuration());
      process =
          ChildProcess.start(
              "HAProxy",
              List.of(haproxy(), "-db", "-f", config.toString()),
              dir,
              Map.of(),
              dir.resolve("haproxy.log"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    process.awaitReady(
        "listening on " + port,
        Duration.ofSeconds(20),
        () -> ChildProcess.portOpen("127.0.0.1", port));
    return this;
  }

  private static String haproxy() {
    for (String candidate : List.of("/usr/sbin/haproxy", "/usr/local/sbin/haproxy")) {
      if (Files.isExecutable(Path.of(candidate))) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        "HAProxy is not installed: scripts/ensure-tools.sh installs it from Debian's packages");
  }

  @Override
  public void close() {
    if (process != null) {
      process.close();
    }
  }
}
