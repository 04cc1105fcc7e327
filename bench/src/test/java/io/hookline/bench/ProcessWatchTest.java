package io.hookline.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ProcessWatchTest {
  private static final long SELF = ProcessHandle.current().pid();

  @Test
  void readsResidentAndProportionalSizeOfALiveProcess() {
    long rss = ProcessWatch.rssKib(SELF);
    long pss = ProcessWatch.pssKib(SELF);
    assertTrue(rss > 1024, "a JVM holds more than 1 MiB resident: " + rss);
    // Shared pages are split among their users, so a process's PSS never exceeds its RSS (a
    // little slack: the two are read a moment apart).
    assertTrue(pss > 0 && pss <= rss + 4096, "pss " + pss + " rss " + rss);
  }

  @Test
  void aProcessThatIsGoneReadsAsZero() {
    long gone = Long.MAX_VALUE;
    assertEquals(0, ProcessWatch.rssKib(gone));
    assertEquals(0, ProcessWatch.pssKib(gone));
    assertEquals(0, ProcessWatch.cpuTicks(gone));
    assertEquals(0, ProcessWatch.compilerTicks(gone));
  }

  @Test
  void theJitsCpuIsPartOfAJvmsAndNoneOfAnotherProcesss() throws Exception {
    // By now this JVM has compiled JUnit and the test itself: well over one 10 ms tick.
    long compilers = ProcessWatch.compilerTicks(SELF);
    long all = ProcessWatch.cpuTicks(SELF);
    assertTrue(compilers > 0 && compilers <= all, "compilers " + compilers + " of " + all);
    Process sleeper = new ProcessBuilder("sleep", "30").start();
    try {
      assertEquals(0, ProcessWatch.compilerTicks(sleeper.pid()));
    } finally {
      sleeper.destroy();
    }
  }

  @Test
  void aChildThatHasEndedStillCountsInItsParentsCpu() throws Exception {
    long before = ProcessWatch.cpuTicks(SELF);
    // Busy for 400 ms of wall time, then gone (and waited for by this JVM).
    Process busy =
        new ProcessBuilder(
                "bash",
                "-c",
                "end=$(( ${EPOCHREALTIME/./} + 400000 )); while (( ${EPOCHREALTIME/./} < end )); do :; done")
            .start();
    assertEquals(0, busy.waitFor());
    long after = ProcessWatch.cpuTicks(SELF);
    // Without the child's time this JVM, idle while it waited, would have gained a tick or two.
    assertTrue(after - before >= 15, "ticks gained " + (after - before));
  }

  @Test
  void theReapedChildrensCpuCountsAChildsWorkOnceItHasBeenWaitedFor() throws Exception {
    double before = ProcessWatch.reapedChildrenCpuSeconds();
    // A fixed amount of work, not of wall time: it costs the same CPU however busy the machine is.
    Process busy =
        new ProcessBuilder("bash", "-c", "i=0; while (( i < 200000 )); do (( i++ )); done").start();
    assertEquals(0, busy.waitFor());
    double gained = ProcessWatch.reapedChildrenCpuSeconds() - before;
    assertTrue(gained >= 0.05, "seconds gained " + gained);
  }

  @Test
  void aWatchReportsItsGroupsJitCpuBesideTheirWholeCpu() {
    try (ProcessWatch watch = new ProcessWatch().process("self", SELF)) {
      double jit = watch.jitCpuSeconds().get("self");
      double all = watch.cpuSeconds().get("self");
      assertTrue(jit > 0 && jit <= all, "jit " + jit + " of " + all);
    }
  }

  @Test
  void peaksIncludeBothSizesEvenBeforeAPeriodicProportionalSample() {
    try (ProcessWatch watch = new ProcessWatch().process("self", SELF)) {
      Map<String, ProcessWatch.Memory> peaks = watch.peaks();
      assertTrue(peaks.get("self").rssMib() > 1, "peaks " + peaks);
      assertTrue(peaks.get("self").pssMib() > 0, "peaks " + peaks);
    }
  }
}
