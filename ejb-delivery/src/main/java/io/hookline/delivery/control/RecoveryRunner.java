package io.hookline.delivery.control;

import jakarta.annotation.Resource;
import jakarta.ejb.Asynchronous;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.logging.Logger;

/**
 * Runs recovery tasks batch after batch ({@link Recoveries#step}), each batch a transaction of its
 * own: the first batch on the caller's thread, the rest on the container's asynchronous pool, as
 * are, through the {@link Reconciler}, the tasks a stopped node left running. Never throws: a
 * failed batch is counted on the task and tried again when the task is next taken up.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class RecoveryRunner {
  private static final Logger LOG = Logger.getLogger(RecoveryRunner.class.getName());

  /** The most tasks left running that one reconciler tick takes up. */
  static final int STALE_PER_TICK = 10;

  @Inject Recoveries recoveries;
  @Resource SessionContext context;

  /**
   * Runs up to {@code maxBatches} batches of the task, stopping early at {@code endNanos} ({@link
   * System#nanoTime()}).
   *
   * @return whether this runner is done with the task: it is over, or another runner holds it;
   *     false when more remains or a batch failed
   */
  public boolean run(String taskId, int maxBatches, long endNanos) {
    try {
      for (int i = 0; i < maxBatches; i++) {
        Recoveries.Step step = recoveries.step(taskId);
        if (step != Recoveries.Step.MORE) {
          return true;
        }
        if (System.nanoTime() - endNanos >= 0) {
          return false;
        }
      }
      return false;
    } catch (RuntimeException e) {
      LOG.warning(() -> "a batch of recovery " + taskId + " failed: " + e);
      try {
        recoveries.batchFailed(taskId, String.valueOf(e));
      } catch (RuntimeException again) {
        LOG.warning(() -> "could not count the failed batch of recovery " + taskId + ": " + again);
      }
      return false;
    }
  }

  /** Runs the task to its end on the container's asynchronous pool. */
  @Asynchronous
  public void runInBackground(String taskId) {
    run(taskId, Integer.MAX_VALUE, System.nanoTime() + Long.MAX_VALUE / 2);
  }

  /**
   * Takes up running tasks untouched since {@code staleBefore} (their node stopped, or a batch
   * failed), each run to its end in the background.
   *
   * @return how many it took up
   */
  public int resumeStale(OffsetDateTime staleBefore) {
    RecoveryRunner self = context.getBusinessObject(RecoveryRunner.class);
    List<String> stale = recoveries.stale(staleBefore, STALE_PER_TICK);
    for (String taskId : stale) {
      LOG.info(() -> "taking up recovery " + taskId + ", left running");
      self.runInBackground(taskId);
    }
    return stale.size();
  }
}
