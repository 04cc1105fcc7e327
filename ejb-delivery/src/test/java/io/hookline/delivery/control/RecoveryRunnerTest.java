package io.hookline.delivery.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecoveryRunnerTest {
  /** Answers the steps given, throws at call {@code failAt}, and records failed batches. */
  private static final class Steps extends Recoveries {
    final Deque<Recoveries.Step> steps;
    final List<String> failures = new ArrayList<>();
    int calls;
    int failAt = -1;

    Steps(Recoveries.Step... steps) {
      this.steps = new ArrayDeque<>(List.of(steps));
    }

    Steps failingAt(int call) {
      failAt = call;
      return this;
    }

    @Override
    public Step step(String taskId) {
      calls++;
      if (calls == failAt) {
        throw new IllegalStateException("broker down");
      }
      Step step = steps.poll();
      return step == null ? Step.DONE : step;
    }

    @Override
    public void batchFailed(String taskId, String why) {
      failures.add(why);
    }
  }

  private static RecoveryRunner runner(Steps steps) {
    RecoveryRunner runner = new RecoveryRunner();
    runner.recoveries = steps;
    return runner;
  }

  private static long later() {
    return System.nanoTime() + 60_000_000_000L;
  }

  @Test
  void runsBatchesUntilTheTaskIsOver() {
    Steps steps = new Steps(Recoveries.Step.MORE, Recoveries.Step.MORE, Recoveries.Step.DONE);
    assertTrue(runner(steps).run("qtask_1", Integer.MAX_VALUE, later()));
    assertEquals(3, steps.calls);
  }

  @Test
  void theFirstBatchAloneLeavesTheRestToTheBackground() {
    Steps steps = new Steps(Recoveries.Step.MORE, Recoveries.Step.DONE);
    assertFalse(runner(steps).run("qtask_1", 1, later()), "more remains");
    assertEquals(1, steps.calls);
    Steps small = new Steps(Recoveries.Step.DONE);
    assertTrue(runner(small).run("qtask_1", 1, later()), "finished in its first batch");
  }

  @Test
  void aTaskAnotherRunnerHoldsIsLeftToIt() {
    Steps steps = new Steps(Recoveries.Step.BUSY, Recoveries.Step.MORE);
    assertTrue(runner(steps).run("qtask_1", Integer.MAX_VALUE, later()));
    assertEquals(1, steps.calls);
  }

  @Test
  void aFailedBatchIsCountedOnTheTaskAndNotThrown() {
    Steps steps = new Steps(Recoveries.Step.MORE, Recoveries.Step.MORE).failingAt(2);
    assertFalse(runner(steps).run("qtask_1", Integer.MAX_VALUE, later()));
    assertEquals(2, steps.calls);
    assertEquals(1, steps.failures.size());
    assertTrue(steps.failures.get(0).contains("broker down"), steps.failures.get(0));
  }

  @Test
  void aRunStopsWhenItsTimeIsSpent() {
    Steps steps = new Steps(Recoveries.Step.MORE, Recoveries.Step.MORE, Recoveries.Step.MORE);
    assertFalse(runner(steps).run("qtask_1", Integer.MAX_VALUE, System.nanoTime()));
    assertEquals(1, steps.calls);
  }
}
