package io.hookline.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An Artemis broker instance made with {@code artemis create} from the unpacked Maven Central
 * distribution, running Hookline's broker.xml. The instance directory keeps the journal, so
 * messages survive a restart. Alone, or as one of a replicated primary/backup pair with the files
 * of server-config/artemis/pair/ beside broker.xml.
 */
public final class ArtemisBroker extends ServerProcess {
  /** What broker.xml includes from its directory when the broker is one of a pair. */
  private static final List<String> PAIR_FILES =
      List.of("ha-policy.xml", "connectors.xml", "cluster-connections.xml");

  private final Settings settings;
  private volatile PairMember pair;

  /**
   * This broker's part in a replicated pair; the cluster password is the broker user's.
   *
   * @param primary the primary serves clients; the backup copies its journal and takes over when it
   *     goes
   * @param peerPort where the other broker of the pair listens, on the same host
   */
  public record PairMember(boolean primary, int peerPort) {
    String role() {
      return primary ? "primary" : "backup";
    }
  }

  /**
   * @param systemProperties values for the {@code ${name:default}} placeholders in broker.xml
   */
  public record Settings(
      Path home,
      Path instance,
      Path brokerXml,
      String host,
      int port,
      int consolePort,
      String user,
      String password,
      Map<String, String> systemProperties) {

    public String consoleUrl() {
      return "http://" + host + ":" + consolePort + "/console";
    }

    /**
     * What a node needs to reach this broker. The backup address is this broker too: left unset, a
     * node would list the default 127.0.0.1:61616 beside it, and the resource adapter picks among
     * its addresses for each new connection, waiting tens of seconds on one nothing answers.
     */
    public Map<String, String> clientEnvironment() {
      return Map.of(
          "HOOKLINE_ARTEMIS_HOST", host,
          "HOOKLINE_ARTEMIS_PORT", Integer.toString(port),
          "HOOKLINE_ARTEMIS_BACKUP_HOST", host,
          "HOOKLINE_ARTEMIS_BACKUP_PORT", Integer.toString(port),
          "HOOKLINE_ARTEMIS_USER", user,
          "HOOKLINE_ARTEMIS_PASSWORD", password);
    }
  }

  public ArtemisBroker(Settings settings) {
    this.settings = settings;
  }

  /** From its next start this broker runs as a member of a pair. */
  public ArtemisBroker joinPair(PairMember member) {
    this.pair = member;
    return this;
  }

  public Settings settings() {
    return settings;
  }

  public ArtemisBroker start() {
    if (ChildProcess.portOpen(settings.host(), settings.port())) {
      throw new IllegalStateException(
          "port " + settings.port() + " is taken: another broker (or program) is running there");
    }
    createInstanceIfMissing();
    installConfiguration();
    StringBuilder opts = new StringBuilder("-Xms64m -Xmx512m");
    opts.append(" -Dhookline.broker.host=").append(settings.host());
    opts.append(" -Dhookline.broker.port=").append(settings.port());
    if (pair != null) {
      opts.append(" -Dhookline.broker.peer-host=").append(settings.host());
      opts.append(" -Dhookline.broker.peer-port=").append(pair.peerPort());
      opts.append(" -Dhookline.cluster.password=").append(settings.password());
    }
    settings
        .systemProperties()
        .forEach((k, v) -> opts.append(" -D").append(k).append('=').append(v));
    process =
        ChildProcess.start(
            "Artemis",
            List.of(settings.instance().resolve("bin/artemis").toString(), "run"),
            settings.instance(),
            Map.of("HOOKLINE_BROKER_OPTS", opts.toString()),
            settings.instance().resolve("log/hookline-run.log"));
    if (pair != null && !pair.primary()) {
      // A backup opens no port until it takes over; it is ready once it holds the journal.
      process.awaitReady(
          "in step with its primary", Duration.ofSeconds(90), () -> logSays("AMQ221024"));
    } else {
      process.awaitReady(
          "listening on " + settings.port(),
          Duration.ofSeconds(90),
          () -> ChildProcess.portOpen(settings.host(), settings.port()));
    }
    return this;
  }

  /** True once this broker serves clients: a backup that has taken over, say. */
  public boolean isActive() {
    return isRunning() && ChildProcess.portOpen(settings.host(), settings.port());
  }

  private boolean logSays(String code) {
    try {
      return Files.readString(process.log()).contains(code);
    } catch (IOException e) {
      return false;
    }
  }

  /** broker.xml and, for a member of a pair, its role's files; a single broker has none. */
  private void installConfiguration() {
    Path etc = settings.instance().resolve("etc");
    Path pairDir = settings.brokerXml().resolveSibling("pair");
    try {
      Files.copy(
          settings.brokerXml(), etc.resolve("broker.xml"), StandardCopyOption.REPLACE_EXISTING);
      for (String file : PAIR_FILES) {
        Files.deleteIfExists(etc.resolve(file));
      }
      if (pair != null) {
        Files.copy(
            pairDir.resolve(pair.role()).resolve("ha-policy.xml"), etc.resolve("ha-policy.xml"));
        Files.copy(pairDir.resolve("connectors.xml"), etc.resolve("connectors.xml"));
        Files.copy(
            pairDir.resolve("cluster-connections.xml"), etc.resolve("cluster-connections.xml"));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void createInstanceIfMissing() {
    Path instance = settings.instance();
    if (Files.exists(instance.resolve("etc/artemis.profile"))) {
      return;
    }
    try {
      Files.createDirectories(instance.getParent());
      List<String> command =
          new ArrayList<>(
              List.of(
                  settings.home().resolve("bin/artemis").toString(),
                  "create",
                  instance.toString(),
                  "--user",
                  settings.user(),
                  "--password",
                  settings.password(),
                  "--require-login",
                  "--host",
                  settings.host(),
                  "--http-host",
                  settings.host(),
                  "--http-port",
                  Integer.toString(settings.consolePort()),
                  "--default-port",
                  Integer.toString(settings.port()),
                  "--no-amqp-acceptor",
                  "--no-mqtt-acceptor",
                  "--no-stomp-acceptor",
                  "--no-hornetq-acceptor",
                  "--silent"));
      Path log = instance.getParent().resolve(instance.getFileName() + "-create.log");
      Process create =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      if (!create.waitFor(120, TimeUnit.SECONDS) || create.exitValue() != 0) {
        throw new IllegalStateException("artemis create failed; see " + log);
      }
      // Lets each run add system properties for broker.xml's placeholders. The generated profile
      // may end without a newline.
      Files.writeString(
          instance.resolve("etc/artemis.profile"),
          "\nJAVA_ARGS=\"$JAVA_ARGS ${HOOKLINE_BROKER_OPTS:-}\"\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
