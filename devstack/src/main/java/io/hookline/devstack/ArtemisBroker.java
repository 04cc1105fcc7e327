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
 * messages survive a restart.
 */
public final class ArtemisBroker extends ServerProcess {
  private final Settings settings;

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

    public Map<String, String> clientEnvironment() {
      return Map.of(
          "HOOKLINE_ARTEMIS_HOST", host,
          "HOOKLINE_ARTEMIS_PORT", Integer.toString(port),
          "HOOKLINE_ARTEMIS_USER", user,
          "HOOKLINE_ARTEMIS_PASSWORD", password);
    }
  }

  public ArtemisBroker(Settings settings) {
    this.settings = settings;
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
    try {
      Files.copy(
          settings.brokerXml(),
          settings.instance().resolve("etc/broker.xml"),
          StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    StringBuilder opts = new StringBuilder("-Xms64m -Xmx512m");
    opts.append(" -Dhookline.broker.host=").append(settings.host());
    opts.append(" -Dhookline.broker.port=").append(settings.port());
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
    process.awaitReady(
        "listening on " + settings.port(),
        Duration.ofSeconds(90),
        () -> ChildProcess.portOpen(settings.host(), settings.port()));
    return this;
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
