package io.hookline.delivery.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Runs recovery tasks a batch at a time ({@link Recoveries#step}), each batch a transaction of its
 * own. Every node does, every {@code hookline.recover.interval}: it takes the running task whose
 * next batch has been due the longest (SKIP LOCKED, so two nodes never run one task at once, and a
 * task in a long batch is passed over rather than waited for), runs one batch of it, and takes the
 * next, for at most {@link #STEPS_PER_TICK} batches and half an interval. No thread is held for a
 * task between batches: a task whose node stopped is simply due on another node, a task whose
 * endpoint is busy waits in the table, not on a thread. The first batch of a new task runs on the
 * request's thread ({@link #stepOnce}). Never throws: a failed batch is counted on the task.
 */
@Startup
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class RecoveryRunner {
  private static final Logger LOG = Logger.getLogger(RecoveryRunner.class.getName());

  /** The most batches one tick runs, across tasks. */
  static final int STEPS_PER_TICK = 50;

  @Inject Recoveries recoveries;
  @Inject io.hookline.runtime.Heartbeats heartbeats;
  @Resource TimerService timers;

  @Inject
  @ConfigProperty(name = "hookline.recover.interval", defaultValue = "PT2S")
  Duration interval;

  @Inject
  @ConfigProperty(name = "hookline.recover.batch-size", defaultValue = "500")
  int batchSize;

  /** A tick still running when the timer fires again: the second one is skipped. */
  private final AtomicBoolean ticking = new AtomicBoolean();

  @PostConstruct
  void schedule() {
    check(batchSize, interval);
    heartbeats.beat("recoveries", interval);
    timers.createIntervalTimer(
        interval.toMillis(), interval.toMillis(), new TimerConfig("recoveries", false));
  }

  /** Fails the deployment on settings no recovery could run with. */
  static void check(int batchSize, Duration interval) {
    if (batchSize < 1) {
      throw new IllegalStateException(
          "HOOKLINE_RECOVER_BATCH_SIZE must be at least 1, not " + batchSize);
    }
    if (interval.isZero() || interval.isNegative()) {
      throw new IllegalStateException(
          "HOOKLINE_RECOVER_INTERVAL must be longer than zero, not " + interval);
    }
  }

  @Timeout
  void tick() {
    heartbeats.beat("recoveries", interval);
    if (!ticking.compareAndSet(false, true)) {
      return;
    }
    try {
      runDue(STEPS_PER_TICK, System.nanoTime() + interval.toNanos() / 2);
    } finally {
      ticking.set(false);
    }
  }

  /**
   * Runs batches of the tasks due, one batch of the task due the longest at a time, until none is
   * due, {@code maxSteps} ran, or {@code endNanos} ({@link System#nanoTime()}) is past.
   *
   * @return how many batches it ran (or tried to)
   */
  int runDue(int maxSteps, long endNanos) {
    int steps = 0;
    try {
      while (steps < maxSteps && System.nanoTime() - endNanos < 0) {
        String taskId = recoveries.nextDue();
        if (taskId == null) {
          break;
        }
        steps++;
        stepOnce(taskId);
      }
    } catch (RuntimeException e) {
      LOG.warning(
          () -> "could not look for recovery tasks due, trying again in " + interval + ": " + e);
    }
    return steps;
  }

  /**
   * One batch of the task; a failure is counted on the task (going row by row, a delivery that
   * fails alone is passed over first, see {@link Recoveries#skipFailingRow}).
   *
   * @return what the batch came to, or null when it failed
   */
  public Recoveries.Step stepOnce(String taskId) {
    try {
      return recoveries.step(taskId);
    } catch (RuntimeException e) {
      String why = why(e);
      LOG.warning(() -> "a batch of recovery " + taskId + " failed: " + why);
      try {
        if (!recoveries.skipFailingRow(taskId, why)) {
          recoveries.batchFailed(taskId, why);
        }
      } catch (RuntimeException again) {
        try {
          recoveries.batchFailed(taskId, why);
        } catch (RuntimeException third) {
          LOG.warning(
              () -> "could not count the failed batch of recovery " + taskId + ": " + third);
        }
      }
      return null;
    }
  }

  /**
   * What went wrong, for the log and the task: the exception and, when the container wrapped it
   * ("Transaction aborted"), its innermost cause, which says what the database or broker refused.
   */
  static String why(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root == failure ? String.valueOf(failure) : failure + ", caused by " + root;
  }
}
