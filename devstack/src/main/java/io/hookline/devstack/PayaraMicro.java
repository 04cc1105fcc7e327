package io.hookline.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Payara Micro running the Artemis RAR and the Hookline WAR, in that order (the WAR's resources
 * need the adapter). The root directory is wiped before each start: Micro would otherwise bring
 * back old deployments.
 */
public final class PayaraMicro extends ServerProcess {
  private final Settings settings;
  private volatile List<String> launcher = List.of();

  /** Where the JDK to run on is read from, when {@link #runningOn} did not name one. */
  private volatile Function<String, String> javaSettings = System::getenv;

  private volatile Path java;

  public record Settings(
      Path jar,
      Path rar,
      Path war,
      String bindAddress,
      int port,
      Path rootDir,
      Map<String, String> environment,
      List<String> jvmOptions,
      List<String> prebootCommands) {

    /** Settings with no asadmin commands of their own before boot. */
    public Settings(
        Path jar,
        Path rar,
        Path war,
        String bindAddress,
        int port,
        Path rootDir,
        Map<String, String> environment,
        List<String> jvmOptions) {
      this(jar, rar, war, bindAddress, port, rootDir, environment, jvmOptions, List.of());
    }

    /** Where this node answers: its bind address, or loopback when it listens on all. */
    public String baseUrl() {
      return "http://" + host() + ":" + port;
    }

    public String host() {
      return bindAddress.equals("0.0.0.0") || bindAddress.equals("::") ? "127.0.0.1" : bindAddress;
    }
  }

  public PayaraMicro(Settings settings) {
    this.settings = settings;
  }

  public Settings settings() {
    return settings;
  }

  /** From its next start Micro runs on this {@code java} executable. */
  public PayaraMicro runningOn(Path java) {
    this.java = java;
    return this;
  }

  /**
   * From its next start Micro runs on the JDK these settings choose ({@link MicroJava}), read when
   * it starts.
   */
  public PayaraMicro javaFrom(Function<String, String> settings) {
    this.javaSettings = settings;
    this.java = null;
    return this;
  }

  /** The {@code java} executable Micro runs on, or will at its next start. */
  public Path java() {
    Path chosen = java;
    return chosen != null ? chosen : MicroJava.executable(javaSettings);
  }

  /**
   * From its next start the JVM is started through this command, such as {@code ip netns exec
   * NAME}, which must exec it in place so that a kill reaches the JVM.
   */
  public PayaraMicro launchVia(List<String> command) {
    this.launcher = List.copyOf(command);
    return this;
  }

  /**
   * Payara Micro 6.2025.10 now and then fails to deploy the RAR at boot with a NullPointerException
   * in ConnectorValidator: the boot thread's context class loader is null (seen here at the start
   * of a benchmark run; the next start of the same files deployed). Nothing of ours is involved, so
   * such a start is made again, at most twice.
   */
  static final String BOOT_RACE = "getContextClassLoader()\" is null";

  private static final int BOOT_RACE_RETRIES = 2;

  public PayaraMicro start() {
    for (int retry = 0; ; retry++) {
      try {
        return startOnce();
      } catch (IllegalStateException failed) {
        if (retry == BOOT_RACE_RETRIES || process == null || !logShows(process.log(), BOOT_RACE)) {
          throw failed;
        }
        System.err.println(
            "Payara Micro hit its boot-time class-loader race deploying the RAR; starting again");
        process.close();
      }
    }
  }

  private static boolean logShows(Path log, String text) {
    try {
      return Files.readString(log, StandardCharsets.UTF_8).contains(text);
    } catch (IOException e) {
      return false;
    }
  }

  private PayaraMicro startOnce() {
    if (ChildProcess.portOpen(settings.host(), settings.port())) {
      throw new IllegalStateException(
          "port " + settings.port() + " is taken: is Hookline already running?");
    }
    Path root = settings.rootDir();
    Directories.deleteRecursively(root);
    try {
      Files.createDirectories(root);
      Path preboot = root.getParent().resolve(root.getFileName() + "-preboot.asadmin");
      Files.writeString(
          preboot,
          "set configs.config.server-config.network-config.network-listeners.network-listener.http-listener.address="
              + settings.bindAddress()
              + "\n"
              + String.join("", settings.prebootCommands().stream().map(c -> c + "\n").toList()));
      List<String> command = new ArrayList<>(launcher);
      command.add(java().toString());
      command.addAll(settings.jvmOptions());
      command.addAll(
          List.of(
              "-jar",
              settings.jar().toString(),
              "--nohazelcast",
              "--port",
              Integer.toString(settings.port()),
              "--rootdir",
              root.toString(),
              "--prebootcommandfile",
              preboot.toString(),
              "--deploy",
              settings.rar().toString(),
              "--deploy",
              settings.war() + ":/"));
      process =
          ChildProcess.start(
              "Payara Micro",
              command,
              root.getParent(),
              settings.environment(),
              root.getParent().resolve(root.getFileName() + ".log"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Path log = root.getParent().resolve(root.getFileName() + ".log");
    process.awaitReady(
        "serving the Hookline API",
        Duration.ofSeconds(180),
        () -> {
          // Micro keeps running when a deployment fails: say so now, not at the timeout.
          String failure = deploymentFailure(log);
          if (failure != null) {
            throw new IllegalStateException(
                "Payara Micro could not deploy Hookline: " + failure + "; see " + log);
          }
          return apiAnswers(settings.baseUrl());
        });
    return this;
  }

  static String deploymentFailure(Path log) {
    try {
      for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
        for (String failure :
            new String[] {"Exception while deploying the app", "Exception while loading the app"}) {
          int at = line.indexOf(failure);
          if (at >= 0) {
            return line.substring(at).trim();
          }
        }
      }
      return null;
    } catch (IOException e) {
      return null;
    }
  }

  /** The API answers 401 without a token once the application is deployed. */
  static boolean apiAnswers(String baseUrl) {
    HttpProbe.Answer answer = HttpProbe.get(baseUrl + "/api/v1/app", 1000, 2000);
    return answer != null && answer.status() == 401;
  }
}
