package io.hookline.delivery.control;

import io.hookline.delivery.entity.RecoveryTask;
import io.hookline.endpoint.entity.Endpoint;
import io.hookline.platform.Timestamps;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The transactions of a recovery task ({@link RecoveryTask}): making it, one batch of it, counting
 * a failed batch, finding the tasks whose runner stopped. An EJB, so that each is a transaction of
 * its own also when called from a timer callback (see {@link OverdueDeliveries}).
 */
@Stateless
public class Recoveries {
  /** Batches in a row that may fail before a task gives up. */
  static final int FAILURE_LIMIT = 10;

  /** What one call of {@link #step} came to. */
  public enum Step {
    /** A batch was re-queued and more may follow. */
    MORE,
    /** The task is over: finished now or before, or given up. */
    DONE,
    /** Another runner holds the task right now; it goes on with it. */
    BUSY
  }

  @PersistenceContext EntityManager em;
  @Inject Resender resender;

  /** The most deliveries one batch (one transaction) re-queues. */
  @Inject
  @ConfigProperty(name = "hookline.recover.batch-size", defaultValue = "500")
  int batchSize;

  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public RecoveryTask create(Endpoint endpoint, OffsetDateTime since, OffsetDateTime until) {
    RecoveryTask task =
        new RecoveryTask(endpoint.getAppId(), endpoint.getId(), since, until, Timestamps.now());
    em.persist(task);
    return task;
  }

  /**
   * One batch: the task's row locked (SKIP LOCKED: a runner that finds it taken leaves it to the
   * one holding it), the next deliveries after its cursor re-queued, and the cursor moved, all in
   * one transaction. A task whose endpoint was disabled or deleted meanwhile stops: its deliveries
   * would only die again.
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public Step step(String taskId) {
    List<?> locked =
        em.createNativeQuery("select id from recovery_task where id = ? for update skip locked")
            .setParameter(1, taskId)
            .getResultList();
    if (locked.isEmpty()) {
      return em.find(RecoveryTask.class, taskId) == null ? Step.DONE : Step.BUSY;
    }
    RecoveryTask task = em.find(RecoveryTask.class, taskId);
    if (!task.isRunning()) {
      return Step.DONE;
    }
    Endpoint endpoint = em.find(Endpoint.class, task.getEndpointId());
    if (!endpoint.isEnabled()) {
      task.stop("endpoint disabled: " + endpoint.getDisabledReason(), Timestamps.now());
      return Step.DONE;
    }
    Resender.Recovered batch =
        resender.recoverBatch(
            task.getEndpointId(), task.getSince(), task.getUntil(), task.getAfterId(), batchSize);
    task.batchDone(batch.count(), batch.lastId(), batchSize, Timestamps.now());
    return task.isRunning() ? Step.MORE : Step.DONE;
  }

  /** Counts a batch whose transaction failed; after {@link #FAILURE_LIMIT} in a row, gives up. */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public void batchFailed(String taskId, String why) {
    RecoveryTask task =
        em.find(RecoveryTask.class, taskId, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
    if (task != null && task.isRunning()) {
      task.batchFailed(why, FAILURE_LIMIT, Timestamps.now());
    }
  }

  /** Running tasks untouched since {@code before}: their runner stopped or failed. */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public List<String> stale(OffsetDateTime before, int limit) {
    return em.createQuery(
            "select t.id from RecoveryTask t where t.status = :running and t.updatedAt < :before"
                + " order by t.updatedAt",
            String.class)
        .setParameter("running", RecoveryTask.Status.RUNNING)
        .setParameter("before", before)
        .setMaxResults(limit)
        .getResultList();
  }

  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public RecoveryTask find(String taskId) {
    return em.find(RecoveryTask.class, taskId);
  }
}
