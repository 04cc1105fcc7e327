package io.hookline.retention.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

/**
 * One batch of {@code cleanup_delivered_webhooks} or {@code cleanup_inbound}, of expired idempotent
 * answers, of old recovery tasks or of long-expired portal tokens, in a short transaction of its
 * own.
 */
@ApplicationScoped
public class RetentionBatch {
  @PersistenceContext EntityManager em;
  @Resource TransactionSynchronizationRegistry transactions;

  /** What one batch removed. */
  public record Removed(long deliveries, long attempts, long messages) {
    Removed plus(Removed other) {
      return new Removed(
          deliveries + other.deliveries, attempts + other.attempts, messages + other.messages);
    }
  }

  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public Removed run(int days, int batch) {
    if (transactions.getTransactionKey() == null) {
      // Called from the retention timer's callback, which runs outside any transaction: this
      // method must have begun one (RetentionArquillianIT). If it ever does not, the run fails
      // and is logged rather than deleting in autocommitted pieces.
      throw new IllegalStateException("a retention batch must run in a transaction of its own");
    }
    Object[] row =
        (Object[])
            em.createNativeQuery("select * from cleanup_delivered_webhooks(?, ?)")
                .setParameter(1, days)
                .setParameter(2, batch)
                .getSingleResult();
    return new Removed(
        ((Number) row[0]).longValue(),
        ((Number) row[1]).longValue(),
        ((Number) row[2]).longValue());
  }

  /** What one inbound batch removed. */
  public record InboundRemoved(long events, long audit) {
    InboundRemoved plus(InboundRemoved other) {
      return new InboundRemoved(events + other.events, audit + other.audit);
    }
  }

  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public InboundRemoved runInbound(int eventDays, int auditDays, int batch) {
    Object[] row =
        (Object[])
            em.createNativeQuery("select * from cleanup_inbound(?, ?, ?)")
                .setParameter(1, eventDays)
                .setParameter(2, auditDays)
                .setParameter(3, batch)
                .getSingleResult();
    return new InboundRemoved(((Number) row[0]).longValue(), ((Number) row[1]).longValue());
  }

  /**
   * Removes the payloads of up to {@code batch} messages whose payloadRetentionPeriod is over
   * (their other fields, deliveries and attempts stay), skipping rows another node's batch holds.
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public int runExpiredPayloads(int batch) {
    return em.createNativeQuery(
            "update message set payload = null where id in (select id from message"
                + " where payload_expires_at <= now() and payload is not null"
                + " limit ? for update skip locked)")
        .setParameter(1, batch)
        .executeUpdate();
  }

  /** Removes up to {@code batch} stored idempotent answers whose 24 hours are over. */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public int runIdempotentAnswers(int batch) {
    return em.createNativeQuery(
            "delete from idempotent_answer where ctid in (select ctid from idempotent_answer"
                + " where expires_at <= now() limit ? for update skip locked)")
        .setParameter(1, batch)
        .executeUpdate();
  }

  /**
   * Removes up to {@code batch} recovery tasks that finished or failed more than {@code days} ago
   * (a running one is never removed).
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public int runRecoveryTasks(int days, int batch) {
    return em.createNativeQuery(
            "delete from recovery_task where ctid in (select ctid from recovery_task"
                + " where status <> 'RUNNING' and updated_at < now() - make_interval(days => ?)"
                + " limit ? for update skip locked)")
        .setParameter(1, days)
        .setParameter(2, batch)
        .executeUpdate();
  }

  /**
   * Removes up to {@code batch} portal link tokens that expired more than a day ago (the day leaves
   * an ended link's 401 saying "expired" rather than "not valid" for a while). The (expires_at)
   * index finds them.
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public int runPortalTokens(int batch) {
    return em.createNativeQuery(
            "delete from portal_token where id in (select id from portal_token"
                + " where expires_at < now() - interval '1 day' limit ? for update skip locked)")
        .setParameter(1, batch)
        .executeUpdate();
  }
}
