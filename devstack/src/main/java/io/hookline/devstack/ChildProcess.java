package io.hookline.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** A server process this stack started, with its output in a log file. */
public final class ChildProcess implements AutoCloseable {
  /** Guards {@link #started} and {@link #stopping}, so that no start slips past a stop. */
  private static final Object STARTS = new Object();

  private static final java.util.List<Process> started = new java.util.ArrayList<>();
  private static boolean stopping;

  private final String name;
  private final Process process;
  private final Path log;

  private ChildProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  public static ChildProcess start(
      String name, List<String> command, Path workDir, Map<String, String> env, Path log) {
    // In a session of its own, a child does not get the terminal's Ctrl-C: the launcher stops
    // the children in order (application before broker), or Micro stalls on a vanished broker.
    List<String> detached = new java.util.ArrayList<>();
    if (java.nio.file.Files.isExecutable(Path.of("/usr/bin/setsid"))) {
      detached.add("/usr/bin/setsid");
    }
    detached.addAll(command);
    keepPreviousLog(log);
    ProcessBuilder builder =
        new ProcessBuilder(detached)
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().putAll(env);
    synchronized (STARTS) {
      if (stopping) {
        throw new IllegalStateException("not starting " + name + ": everything is being stopped");
      }
      try {
        Process process = builder.start();
        started.removeIf(earlier -> !earlier.isAlive());
        started.add(process);
        return new ChildProcess(name, process, log);
      } catch (IOException e) {
        throw new UncheckedIOException("could not start " + name + ": " + command, e);
      }
    }
  }

  /**
   * From now on no child starts, and every child of this JVM still running is killed (-9): the last
   * step of a launcher's stop, so that a start that raced a Ctrl-C leaves no process behind
   * (children run in sessions of their own and do not get the terminal's signal).
   */
  public static void stopEverything() {
    synchronized (STARTS) {
      stopping = true;
      for (Process process : started) {
        if (process.isAlive()) {
          process.descendants().forEach(ProcessHandle::destroyForcibly);
          process.destroyForcibly();
        }
      }
    }
  }

  /**
   * A restart would overwrite the log of the run before, which is the one that says why it had to
   * be restarted: it is kept as {@code <log>.prev}.
   */
  private static void keepPreviousLog(Path log) {
    try {
      if (java.nio.file.Files.exists(log)) {
        java.nio.file.Files.move(
            log,
            log.resolveSibling(log.getFileName() + ".prev"),
            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not keep the previous log " + log, e);
    }
  }

  public Path log() {
    return log;
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Waits until the condition holds; fails early if the process dies, with its log named. */
  public void awaitReady(String what, Duration timeout, BooleanSupplier ready) {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            name + " exited with " + process.exitValue() + " before " + what + "; see " + log);
      }
      if (ready.getAsBoolean()) {
        return;
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted waiting for " + name, e);
      }
    }
    throw new IllegalStateException(name + " not " + what + " within " + timeout + "; see " + log);
  }

  public static boolean portOpen(String host, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** SIGTERM (a clean shutdown), then SIGKILL if it takes too long; children too. */
  @Override
  public void close() {
    if (!process.isAlive()) {
      return;
    }
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  /** kill -9: for crash tests. */
  public void kill() {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
