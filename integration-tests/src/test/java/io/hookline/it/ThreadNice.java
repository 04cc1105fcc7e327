package io.hookline.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Linux's nice of a server's threads, read from /proc: what the scheduler actually applies. */
final class ThreadNice {
  private ThreadNice() {}

  /**
   * Asserts that the server ran its delivery consumers (the Artemis resource adapter's threads) at
   * nice 5 and answers HTTP at 0 (ConsumerPriority and the launchers' JVM options).
   */
  static void assertDeliveriesRunBelowTheApi(long pid) throws IOException {
    Map<String, List<Integer>> nice = byThreadName(pid);
    List<Integer> consumers =
        matching(nice, name -> name.startsWith("Thread-") && name.contains("(acti"));
    List<Integer> http = matching(nice, name -> name.startsWith("http-thread-po"));
    assertTrue(consumers.contains(5), "a delivery consumer at nice 5: " + nice);
    assertTrue(
        !http.isEmpty() && http.stream().allMatch(n -> n == 0), "HTTP threads at 0: " + nice);
  }

  /** Each thread's nice, by its name as the kernel keeps it (15 characters). */
  static Map<String, List<Integer>> byThreadName(long pid) throws IOException {
    Map<String, List<Integer>> nice = new HashMap<>();
    List<Path> tasks;
    try (var listing = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
      tasks = listing.toList();
    }
    for (Path task : tasks) {
      try {
        String stat = Files.readString(task.resolve("stat"));
        String name = Files.readString(task.resolve("comm")).strip();
        // The fields after the name, which may hold spaces and parentheses: state is the first,
        // nice the seventeenth.
        String[] fields = stat.substring(stat.lastIndexOf(") ") + 2).split(" ");
        nice.computeIfAbsent(name, n -> new ArrayList<>()).add(Integer.parseInt(fields[16]));
      } catch (NoSuchFileException ended) {
        // The thread ended after the listing; the others still tell.
      }
    }
    return nice;
  }

  private static List<Integer> matching(
      Map<String, List<Integer>> nice, Predicate<String> threadName) {
    return nice.entrySet().stream()
        .filter(e -> threadName.test(e.getKey()))
        .flatMap(e -> e.getValue().stream())
        .toList();
  }
}
