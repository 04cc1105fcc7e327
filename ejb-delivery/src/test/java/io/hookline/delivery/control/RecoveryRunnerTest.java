package io.hookline.delivery.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecoveryRunnerTest {
  /**
   * Hands out the tasks due in turn and answers each step with the next of its steps; the steps
   * numbered in {@code throwing} throw, as a batch whose transaction failed does. Records what was
   * skipped and counted.
   */
  private static class Tasks extends Recoveries {
    final Deque<String> due = new ArrayDeque<>();
    final Deque<Recoveries.Step> steps = new ArrayDeque<>();
    final List<String> stepped = new ArrayList<>();
    final List<String> failures = new ArrayList<>();
    final List<String> skipTries = new ArrayList<>();
    final List<Integer> throwing = new ArrayList<>();
    boolean skipWorks;
    boolean skipThrows;

    Tasks due(String... ids) {
      due.addAll(List.of(ids));
      return this;
    }

    Tasks steps(Recoveries.Step... answers) {
      steps.addAll(List.of(answers));
      return this;
    }

    Tasks throwingAt(int call) {
      throwing.add(call);
      return this;
    }

    @Override
    public String nextDue() {
      return due.poll();
    }

    @Override
    public Step step(String taskId) {
      stepped.add(taskId);
      if (throwing.contains(stepped.size())) {
        throw new IllegalStateException("broker down");
      }
      Step step = steps.poll();
      return step == null ? Step.DONE : step;
    }

    @Override
    public boolean skipFailingRow(String taskId, String why) {
      skipTries.add(taskId);
      if (skipThrows) {
        throw new IllegalStateException("broker still down");
      }
      return skipWorks;
    }

    @Override
    public void batchFailed(String taskId, String why) {
      failures.add(taskId + ": " + why);
    }
  }

  private static RecoveryRunner runner(Tasks tasks) {
    RecoveryRunner runner = new RecoveryRunner();
    runner.recoveries = tasks;
    runner.interval = Duration.ofSeconds(2);
    return runner;
  }

  private static long later() {
    return System.nanoTime() + 60_000_000_000L;
  }

  @Test
  void aTickRunsOneBatchOfEachTaskDueUntilNoneIs() {
    Tasks tasks =
        new Tasks()
            .due("qtask_a", "qtask_b", "qtask_a")
            .steps(Recoveries.Step.MORE, Recoveries.Step.WAITING, Recoveries.Step.DONE);
    assertEquals(3, runner(tasks).runDue(50, later()));
    assertEquals(List.of("qtask_a", "qtask_b", "qtask_a"), tasks.stepped);
    assertEquals(List.of(), tasks.failures);
  }

  @Test
  void aTickStopsAtItsBatchLimitAndWhenItsTimeIsSpent() {
    Tasks many = new Tasks().due("a", "b", "c", "d");
    assertEquals(2, runner(many).runDue(2, later()));
    assertEquals(List.of("a", "b"), many.stepped);
    Tasks late = new Tasks().due("a", "b");
    assertEquals(0, runner(late).runDue(50, System.nanoTime()));
  }

  @Test
  void aFailedBatchIsCountedOnTheTaskAndNotThrown() {
    Tasks tasks = new Tasks().due("qtask_a", "qtask_b").throwingAt(1);
    assertEquals(2, runner(tasks).runDue(50, later()));
    assertEquals(1, tasks.failures.size());
    assertTrue(tasks.failures.get(0).startsWith("qtask_a: "), tasks.failures.get(0));
    assertTrue(tasks.failures.get(0).contains("broker down"), tasks.failures.get(0));
    assertEquals(List.of("qtask_a", "qtask_b"), tasks.stepped, "the next task still runs");
  }

  @Test
  void aRowThatFailsAloneAndIsPassedOverIsNotAFailure() {
    Tasks tasks = new Tasks().throwingAt(1);
    tasks.skipWorks = true;
    assertNull(runner(tasks).stepOnce("qtask_a"));
    assertEquals(List.of("qtask_a"), tasks.skipTries);
    assertEquals(List.of(), tasks.failures);
  }

  @Test
  void whenTheRowAfterFailsTooTheFailureIsCountedAndNothingSkipped() {
    Tasks tasks = new Tasks().throwingAt(1);
    tasks.skipThrows = true;
    assertNull(runner(tasks).stepOnce("qtask_a"));
    assertEquals(1, tasks.failures.size());
  }

  @Test
  void aLookForTasksThatFailsEndsTheTickQuietly() {
    Tasks tasks =
        new Tasks() {
          @Override
          public String nextDue() {
            throw new IllegalStateException("database down");
          }
        };
    assertEquals(0, runner(tasks).runDue(50, later()));
  }

  @Test
  void aBatchSizeBelowOneOrNoIntervalFailsTheDeployment() {
    RecoveryRunner.check(1, Duration.ofSeconds(2));
    assertThrows(IllegalStateException.class, () -> RecoveryRunner.check(0, Duration.ofSeconds(2)));
    assertThrows(IllegalStateException.class, () -> RecoveryRunner.check(500, Duration.ZERO));
  }

  @Test
  void aFailureSaysWhatTheContainerWrapped() {
    IllegalStateException plain = new IllegalStateException("broker down");
    assertEquals(plain.toString(), RecoveryRunner.why(plain));
    RuntimeException wrapped =
        new RuntimeException(
            "Transaction aborted", new RuntimeException("rollback", new Exception("refused")));
    assertEquals(
        "java.lang.RuntimeException: Transaction aborted, caused by java.lang.Exception: refused",
        RecoveryRunner.why(wrapped));
  }
}
