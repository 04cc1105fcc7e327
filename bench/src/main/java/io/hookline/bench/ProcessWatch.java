package io.hookline.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;

/**
 * Memory and CPU of the processes under test, read from /proc (Linux). Each group is a set of
 * processes: a JVM and its children, or every PostgreSQL process. Memory is the group's peak of
 * resident set size (RSS, sampled every 200 ms) and of proportional set size (PSS: shared pages
 * split among their users, so PostgreSQL's shared buffers count once, not once per backend, as they
 * do in its RSS sum; sampled every 2 s and when the peaks are read). Which processes belong to a
 * group is looked for again at each PSS sample.
 *
 * <p>PSS is read less often because it is dear: the kernel walks every mapping of the process to
 * answer, about 8 ms for Payara Micro and 1-2 ms for each PostgreSQL backend, all of it charged to
 * the benchmark's own CPU on the machine under test. Read every 200 ms it cost the benchmark a
 * large share of its CPU. RSS is a counter the kernel keeps.
 *
 * <p>CPU is read per group, and for the JVMs also the part their JIT compiler threads used: on two
 * cores a young Payara node spends a third or more of its CPU compiling, and a figure that does not
 * say so reads as the cost of Hookline's own work.
 */
public final class ProcessWatch implements AutoCloseable {
  private static final long TICKS_PER_SECOND = 100;
  private static final long SAMPLE_MILLIS = 200;
  private static final int PSS_EVERY_NTH_SAMPLE = 10;
  private final Map<String, Supplier<Set<Long>>> groups = new LinkedHashMap<>();
  private final Map<String, Long> peakRssKib = new ConcurrentHashMap<>();
  private final Map<String, Long> peakPssKib = new ConcurrentHashMap<>();

  /** Each group's processes as last looked for; read and written only in {@link #sample}. */
  private final Map<String, Set<Long>> lastFound = new HashMap<>();

  private final Thread sampler;
  private volatile boolean running = true;

  public ProcessWatch() {
    sampler =
        new Thread(
            () -> {
              for (long n = 0; running; n++) {
                sample(n % PSS_EVERY_NTH_SAMPLE == 0);
                try {
                  Thread.sleep(SAMPLE_MILLIS);
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

  /** A group's peak memory, in MiB. */
  public record Memory(double rssMib, double pssMib) {}

  /** The peak memory of each group, so far. */
  public Map<String, Memory> peaks() {
    sample(true);
    Map<String, Memory> peaks = new LinkedHashMap<>();
    groups
        .keySet()
        .forEach(
            name ->
                peaks.put(
                    name,
                    new Memory(
                        peakRssKib.getOrDefault(name, 0L) / 1024.0,
                        peakPssKib.getOrDefault(name, 0L) / 1024.0)));
    return peaks;
  }

  /** CPU seconds (user + system) each group's live processes have used so far. */
  public Map<String, Double> cpuSeconds() {
    return secondsPerGroup(ProcessWatch::cpuTicks);
  }

  /**
   * CPU seconds each group's JIT compiler threads (HotSpot's {@code C1/C2 CompilerThreadN}) have
   * used so far. Only threads alive now count: a JVM with more than two compiler threads may stop
   * the extra ones when idle, and their time then drops out, so a difference of two readings is at
   * least what the compilers used between them.
   */
  public Map<String, Double> jitCpuSeconds() {
    return secondsPerGroup(ProcessWatch::compilerTicks);
  }

  private Map<String, Double> secondsPerGroup(ToLongFunction<Long> ticksOfProcess) {
    Map<String, Double> seconds = new LinkedHashMap<>();
    groups.forEach(
        (name, pids) ->
            seconds.put(
                name,
                pids.get().stream().mapToLong(ticksOfProcess).sum() / (double) TICKS_PER_SECOND));
    return seconds;
  }

  /**
   * @param withPss read PSS too, and look for the groups' processes again (finding them walks
   *     /proc); between such samples RSS is read of the processes found last time
   */
  private synchronized void sample(boolean withPss) {
    groups.forEach(
        (name, pids) -> {
          long rss = 0;
          long pss = 0;
          if (withPss) {
            lastFound.put(name, pids.get());
          }
          for (long pid : lastFound.computeIfAbsent(name, unknown -> pids.get())) {
            rss += rssKib(pid);
            if (withPss) {
              pss += pssKib(pid);
            }
          }
          peakRssKib.merge(name, rss, Math::max);
          if (withPss) {
            peakPssKib.merge(name, pss, Math::max);
          }
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

  /** Resident set size of one process in KiB; 0 for one that ended or is not ours to read. */
  static long rssKib(long pid) {
    return kibField(Path.of("/proc", Long.toString(pid), "status"), "VmRSS:");
  }

  /** Proportional set size of one process in KiB; 0 for one that ended or is not ours to read. */
  static long pssKib(long pid) {
    return kibField(Path.of("/proc", Long.toString(pid), "smaps_rollup"), "Pss:");
  }

  private static long kibField(Path file, String field) {
    try {
      for (String line : Files.readAllLines(file)) {
        if (line.startsWith(field)) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | RuntimeException gone) {
      // Ended, or not ours to read.
    }
    return 0;
  }

  /**
   * A process's CPU ticks, with those of the children it has waited for: a PostgreSQL backend that
   * ends (the node's pool closing an idle connection) keeps counting through the postmaster, where
   * before the group's CPU fell by all the backend had ever used and a phase could read 0.
   */
  static long cpuTicks(long pid) {
    return ticks(Path.of("/proc", Long.toString(pid), "stat"), true);
  }

  /** CPU seconds of the children this JVM has waited for (pgbench): not its own threads'. */
  public static double reapedChildrenCpuSeconds() {
    try {
      String stat = Files.readString(Path.of("/proc/self/stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      // cutime and cstime: fields 16 and 17 of the file, 13 and 14 after the command name.
      return (Long.parseLong(fields[13]) + Long.parseLong(fields[14])) / (double) TICKS_PER_SECOND;
    } catch (IOException | RuntimeException unreadable) {
      return 0;
    }
  }

  /** CPU ticks of a JVM's live JIT compiler threads; 0 for other processes and ended ones. */
  static long compilerTicks(long pid) {
    try (Stream<Path> threads = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
      return threads
          .filter(ProcessWatch::isCompilerThread)
          .mapToLong(thread -> ticks(thread.resolve("stat"), false))
          .sum();
    } catch (IOException | UncheckedIOException gone) {
      return 0;
    }
  }

  /**
   * The kernel keeps 15 characters of a thread's name: "C2 CompilerThread0" reads "C2
   * CompilerThre".
   */
  private static boolean isCompilerThread(Path thread) {
    try {
      return Files.readString(thread.resolve("comm")).strip().matches("C[12] CompilerThre.*");
    } catch (IOException gone) {
      return false;
    }
  }

  /**
   * User plus system ticks from a process's or thread's stat file; 0 if it has ended.
   *
   * @param reapedChildren add the ticks of the children the process has waited for (a thread's file
   *     shows its process's, which are not the thread's own)
   */
  private static long ticks(Path statFile, boolean reapedChildren) {
    try {
      String stat = Files.readString(statFile);
      // Fields after the command name, which may hold spaces and ends at the last ')'.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long own = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
      return reapedChildren ? own + Long.parseLong(fields[13]) + Long.parseLong(fields[14]) : own;
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
