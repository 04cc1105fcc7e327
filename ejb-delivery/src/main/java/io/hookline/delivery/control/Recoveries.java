package io.hookline.delivery.control;

import io.hookline.delivery.entity.RecoveryTask;
import io.hookline.endpoint.entity.Endpoint;
import io.hookline.platform.Timestamps;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The transactions of a recovery task ({@link RecoveryTask}): starting it (or finding the one that
 * runs), taking the task due the longest, one batch of it, passing over a delivery that cannot be
 * re-queued, counting a failed batch. An EJB, so that each is a transaction of its own also when
 * called from a timer callback (see {@link OverdueDeliveries}).
 */
@Stateless
public class Recoveries {
  private static final Logger LOG = Logger.getLogger(Recoveries.class.getName());

  /**
   * How long a request's idempotency key finds the task it made: as long as Hookline keeps
   * idempotency keys (IdempotentAnswers).
   */
  static final Duration REQUEST_KEY_LIFETIME = Duration.ofHours(24);

  /** What one call of {@link #step} came to. */
  public enum Step {
    /** A batch was re-queued and more may follow. */
    MORE,
    /** The endpoint has many deliveries due: the next batch waits. */
    WAITING,
    /** The task is over: finished now or before, or given up. */
    DONE,
    /** Another runner holds the task right now; it goes on with it. */
    BUSY
  }

  /** A task a request asked for, and whether the request made it (rather than found it). */
  public record Started(String taskId, boolean created) {}

  @PersistenceContext EntityManager em;
  @Inject Resender resender;

  /**
   * The most deliveries one batch (one transaction) re-queues; checked by {@link RecoveryRunner}.
   */
  @Inject
  @ConfigProperty(name = "hookline.recover.batch-size", defaultValue = "500")
  int batchSize;

  /** How long a waiting or failed task waits before it is looked at again (backoff's base). */
  @Inject
  @ConfigProperty(name = "hookline.recover.interval", defaultValue = "PT2S")
  Duration interval;

  /**
   * The recovery a request asks for: the one an earlier request with the same key made (a retry
   * whose first answer was lost), else the one running on the endpoint (one at a time, whatever its
   * window), else a new one. The insert does nothing on a conflict with the running one's unique
   * index (recovery_task_running_idx), so a race between two requests ends with both answering the
   * task that won, with no unique violation to recover from.
   *
   * @param requestKey the request's idempotency key hashed with its caller, or null
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public Started start(
      Endpoint endpoint, OffsetDateTime since, OffsetDateTime until, String requestKey) {
    OffsetDateTime now = Timestamps.now();
    if (requestKey != null) {
      List<?> earlier =
          em.createNativeQuery(
                  "select id from recovery_task where request_key = ? and created_at > ?"
                      + " order by created_at desc limit 1")
              .setParameter(1, requestKey)
              .setParameter(2, now.minus(REQUEST_KEY_LIFETIME))
              .getResultList();
      if (!earlier.isEmpty()) {
        return new Started((String) earlier.get(0), false);
      }
    }
    // A running task that finishes between the insert and the look-up leaves room for a new one:
    // try again (a few times; each round lost means another task ended meanwhile).
    for (int round = 0; round < 3; round++) {
      RecoveryTask task =
          new RecoveryTask(endpoint.getAppId(), endpoint.getId(), since, until, requestKey, now);
      int inserted =
          em.createNativeQuery(
                  "insert into recovery_task (id, app_id, endpoint_id, since, until, status,"
                      + " request_key, next_run_at, created_at, updated_at)"
                      + " values (?, ?, ?, ?, ?, 'RUNNING', ?, ?, ?, ?) on conflict do nothing")
              .setParameter(1, task.getId())
              .setParameter(2, task.getAppId())
              .setParameter(3, task.getEndpointId())
              .setParameter(4, since)
              .setParameter(5, until)
              .setParameter(6, requestKey)
              .setParameter(7, now)
              .setParameter(8, now)
              .setParameter(9, now)
              .executeUpdate();
      if (inserted == 1) {
        return new Started(task.getId(), true);
      }
      List<?> running =
          em.createNativeQuery(
                  "select id from recovery_task where endpoint_id = ? and status = 'RUNNING'")
              .setParameter(1, endpoint.getId())
              .getResultList();
      if (!running.isEmpty()) {
        return new Started((String) running.get(0), false);
      }
    }
    throw new IllegalStateException(
        "could not start a recovery of endpoint " + endpoint.getId() + ": tasks kept ending");
  }

  /**
   * The running task whose next batch has been due the longest, or null when none is due. SKIP
   * LOCKED passes over a task another runner is in a batch of; the row is not held once this
   * returns ({@link #step} locks it again).
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public String nextDue() {
    List<?> due =
        em.createNativeQuery(
                "select id from recovery_task where status = 'RUNNING' and next_run_at <= ?"
                    + " order by next_run_at limit 1 for update skip locked")
            .setParameter(1, Timestamps.now())
            .getResultList();
    return due.isEmpty() ? null : (String) due.get(0);
  }

  /**
   * One batch: the task's row locked (SKIP LOCKED: a runner that finds it taken leaves it to the
   * one holding it), the next deliveries after its cursor re-queued, and the cursor moved, all in
   * one transaction. While the endpoint has a batch's worth of deliveries due (the last batch not
   * yet tried, or its own traffic), the batch waits for a later look instead: a recovery goes as
   * fast as the endpoint's tries, not faster. A task whose endpoint was disabled or deleted
   * meanwhile stops: its deliveries would only die again.
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public Step step(String taskId) {
    RecoveryTask task = locked(taskId);
    if (task == null) {
      return em.find(RecoveryTask.class, taskId) == null ? Step.DONE : Step.BUSY;
    }
    if (!task.isRunning()) {
      return Step.DONE;
    }
    Endpoint endpoint = em.find(Endpoint.class, task.getEndpointId());
    OffsetDateTime now = Timestamps.now();
    if (!endpoint.isEnabled()) {
      task.stop("endpoint disabled: " + endpoint.getDisabledReason(), now);
      return Step.DONE;
    }
    if (dueAt(task.getEndpointId(), now, batchSize) >= batchSize) {
      task.waitUntil(now.plus(interval));
      return Step.WAITING;
    }
    int size = task.nextBatchSize(batchSize);
    Resender.Recovered batch =
        resender.recoverBatch(
            task.getEndpointId(), task.getSince(), task.getUntil(), task.getAfterId(), size);
    task.batchDone(batch.count(), batch.lastId(), size, now);
    return task.isRunning() ? Step.MORE : Step.DONE;
  }

  /**
   * Going row by row, the delivery after the cursor failed on its own: it is passed over (and
   * logged) if the one after it can be re-queued, in this transaction. When that one fails too, the
   * trouble is not the row's (the broker is down, say): nothing is skipped, and this throws.
   *
   * @return whether a delivery was passed over; false when the task is not going row by row, is
   *     over, is held by another runner, or has no delivery after the failing one
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public boolean skipFailingRow(String taskId, String why) {
    RecoveryTask task = locked(taskId);
    if (task == null || !task.isRunning() || !task.isRowByRow()) {
      return false;
    }
    String failing =
        resender.nextToRecover(
            task.getEndpointId(), task.getSince(), task.getUntil(), task.getAfterId());
    if (failing == null) {
      return false;
    }
    Resender.Recovered next =
        resender.recoverBatch(task.getEndpointId(), task.getSince(), task.getUntil(), failing, 1);
    if (next.count() == 0) {
      return false;
    }
    task.skipped(next.lastId(), Timestamps.now());
    LOG.warning(
        () ->
            "recovery "
                + taskId
                + " passed over delivery "
                + failing
                + ", which could not be re-queued on its own (the next one could): "
                + why);
    return true;
  }

  /** Counts a batch whose transaction failed: the task backs off, goes row by row, or gives up. */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public void batchFailed(String taskId, String why) {
    RecoveryTask task = em.find(RecoveryTask.class, taskId, LockModeType.PESSIMISTIC_WRITE);
    if (task != null && task.isRunning()) {
      task.batchFailed(why, batchSize, interval, Timestamps.now());
    }
  }

  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public RecoveryTask find(String taskId) {
    return em.find(RecoveryTask.class, taskId);
  }

  /** The task, its row locked; null when another transaction holds it (or there is none). */
  private RecoveryTask locked(String taskId) {
    List<?> locked =
        em.createNativeQuery("select id from recovery_task where id = ? for update skip locked")
            .setParameter(1, taskId)
            .getResultList();
    return locked.isEmpty() ? null : em.find(RecoveryTask.class, taskId);
  }

  /** The endpoint's deliveries due by {@code now}, counted up to {@code limit}. */
  private int dueAt(String endpointId, OffsetDateTime now, int limit) {
    Number due =
        (Number)
            em.createNativeQuery(
                    "select count(*) from (select 1 from delivery where endpoint_id = ?"
                        + " and status = 'PENDING' and next_attempt_at <= ? limit ?) due")
                .setParameter(1, endpointId)
                .setParameter(2, now)
                .setParameter(3, limit)
                .getSingleResult();
    return due.intValue();
  }
}
