package io.hookline.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Memory and CPU of the processes under test, read from /proc (Linux). Each group is a set of
 * processes: a JVM and its children, or every PostgreSQL process. Memory is the group's peak of
 * proportional set size (Pss: shared pages split among their users, so PostgreSQL's shared buffers
 * count once, not once per backend), sampled every 200 ms.
 */
public final class ProcessWatch implements AutoCloseable {
  private static final long TICKS_PER_SECOND = 100;
  private final Map<String, Supplier<Set<Long>>> groups = new LinkedHashMap<>();
  private final Map<String, Long> peakKib = new ConcurrentHashMap<>();
  private final Thread sampler;
  private volatile boolean running = true;

  public ProcessWatch() {
    sampler =
        new Thread(
            () -> {
              while (running) {
                sample();
                try {
                  Thread.sleep(200);
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "bench-process-watch");
    sampler.setDaemon(true);
  }

  /** Watches a process and its descendants. */
  public ProcessWatch tree(String name, long pid) {
    groups.put(name, () -> descendantsAndSelf(pid));
    return this;
  }

  /** Watches one process, without its children. */
  public ProcessWatch process(String name, long pid) {
    groups.put(name, () -> Set.of(pid));
    return this;
  }

  /** Watches every process whose command name is {@code command}. */
  public ProcessWatch named(String name, String command) {
    groups.put(name, () -> byCommand(command));
    return this;
  }

  public ProcessWatch start() {
    sampler.start();
    return this;
  }

  public List<String> names() {
    return new ArrayList<>(groups.keySet());
  }

  /** Peak Pss of each group in MiB, so far. */
  public Map<String, Double> peakMib() {
    sample();
    Map<String, Double> peaks = new LinkedHashMap<>();
    groups.keySet().forEach(name -> peaks.put(name, peakKib.getOrDefault(name, 0L) / 1024.0));
    return peaks;
  }

  /** CPU seconds (user + system) each group's live processes have used so far. */
  public Map<String, Double> cpuSeconds() {
    Map<String, Double> cpu = new LinkedHashMap<>();
    groups.forEach(
        (name, pids) ->
            cpu.put(
                name,
                pids.get().stream().mapToLong(ProcessWatch::cpuTicks).sum()
                    / (double) TICKS_PER_SECOND));
    return cpu;
  }

  private synchronized void sample() {
    groups.forEach(
        (name, pids) -> {
          long kib = pids.get().stream().mapToLong(ProcessWatch::pssKib).sum();
          peakKib.merge(name, kib, Math::max);
        });
  }

  private static Set<Long> descendantsAndSelf(long pid) {
    Set<Long> found = new HashSet<>();
    ProcessHandle.of(pid)
        .ifPresent(
            handle -> {
              found.add(pid);
              handle.descendants().forEach(child -> found.add(child.pid()));
            });
    return found;
  }

  private static Set<Long> byCommand(String command) {
    Set<Long> found = new HashSet<>();
    try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
      entries
          .filter(path -> path.getFileName().toString().chars().allMatch(Character::isDigit))
          .forEach(
              path -> {
                try {
                  if (Files.readString(path.resolve("comm")).trim().equals(command)) {
                    found.add(Long.parseLong(path.getFileName().toString()));
                  }
                } catch (IOException gone) {
                  // The process ended while we looked.
                }
              });
    } catch (IOException e) {
      return found;
    }
    return found;
  }

  static long pssKib(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "smaps_rollup"))) {
        if (line.startsWith("Pss:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | RuntimeException gone) {
      // Ended, or not ours to read.
    }
    return 0;
  }

  static long cpuTicks(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // Fields after the command name, which may hold spaces and ends at the last ')'.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    } catch (IOException | RuntimeException gone) {
      return 0;
    }
  }

  @Override
  public void close() {
    running = false;
    sampler.interrupt();
  }
}
