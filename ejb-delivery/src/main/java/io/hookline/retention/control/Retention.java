package io.hookline.retention.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Every interval, removes what was delivered more than {@code hookline.retention.days} ago, a batch
 * per transaction (rows a delivery holds are skipped, never waited for), until a batch comes back
 * short or the run's batch budget is spent; the next run goes on from there. Each node runs it;
 * SKIP LOCKED keeps them out of each other's way. What it removed is logged and counted in {@code
 * webhook_retention_deleted_total{kind}}. Inbound events older than {@code
 * hookline.retention.inbound-days} and ingest audit rows older than {@code
 * hookline.retention.audit-days} go the same way, stored idempotent answers past their 24 hours,
 * recovery tasks that ended more than {@code hookline.retention.days} ago and portal link tokens a
 * day after they expired. A message's payload goes once its own retention period (Svix's
 * payloadRetentionPeriod) is over, the rest of the message staying until the rules above remove it.
 */
@Startup
@Singleton
public class Retention {
  private static final Logger LOG = Logger.getLogger(Retention.class.getName());
  private static final int BATCHES_PER_RUN = 100;

  @Inject RetentionBatch batches;
  @Inject io.hookline.runtime.Metrics metrics;
  @Inject io.hookline.runtime.Heartbeats heartbeats;
  @Resource TimerService timers;

  @Inject
  @ConfigProperty(name = "hookline.retention.days", defaultValue = "30")
  int days;

  /** Inbound events (raw bodies, kept for replay and de-duplication). */
  @Inject
  @ConfigProperty(name = "hookline.retention.inbound-days", defaultValue = "30")
  int inboundDays;

  /** The ingest audit trail: small rows, kept longer for reviewing who sent what. */
  @Inject
  @ConfigProperty(name = "hookline.retention.audit-days", defaultValue = "90")
  int auditDays;

  @Inject
  @ConfigProperty(name = "hookline.retention.interval", defaultValue = "PT1H")
  Duration interval;

  @Inject
  @ConfigProperty(name = "hookline.retention.batch", defaultValue = "1000")
  int batch;

  @PostConstruct
  void schedule() {
    if (days < 1) {
      throw new IllegalStateException("HOOKLINE_RETENTION_DAYS must be at least 1, not " + days);
    }
    if (inboundDays < 1 || auditDays < 1) {
      throw new IllegalStateException(
          "HOOKLINE_RETENTION_INBOUND_DAYS and HOOKLINE_RETENTION_AUDIT_DAYS must be at least 1, not "
              + inboundDays
              + " and "
              + auditDays);
    }
    heartbeats.beat("retention", interval);
    timers.createIntervalTimer(
        interval.toMillis(), interval.toMillis(), new TimerConfig("retention", false));
  }

  @Timeout
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  void removeOld() {
    heartbeats.beat("retention", interval);
    RetentionBatch.Removed total =
        inBatches(
            "retention run",
            new RetentionBatch.Removed(0, 0, 0),
            () -> batches.run(days, batch),
            RetentionBatch.Removed::plus,
            removed -> removed.deliveries() >= batch);
    if (total.deliveries() > 0) {
      count("deliveries", total.deliveries());
      count("attempts", total.attempts());
      count("messages", total.messages());
      LOG.info(
          () ->
              "retention: removed "
                  + total.deliveries()
                  + " deliveries, "
                  + total.attempts()
                  + " attempts and "
                  + total.messages()
                  + " messages delivered more than "
                  + days
                  + " days ago");
    }
    removeExpiredPayloads();
    removeOldInbound();
    removeExpiredAnswers();
    removeOldRecoveryTasks();
    removeExpiredPortalTokens();
  }

  /** Portal link tokens that expired more than a day ago, batch by batch. */
  private void removeExpiredPortalTokens() {
    long total =
        inBatches(
            "portal token retention",
            0L,
            () -> (long) batches.runPortalTokens(batch),
            Long::sum,
            removed -> removed >= batch);
    if (total > 0) {
      count("portal_tokens", total);
      LOG.info(() -> "retention: removed " + total + " portal link tokens expired over a day ago");
    }
  }

  /** Recovery tasks over (finished or failed) for the retention days, batch by batch. */
  private void removeOldRecoveryTasks() {
    long total =
        inBatches(
            "recovery task retention",
            0L,
            () -> (long) batches.runRecoveryTasks(days, batch),
            Long::sum,
            removed -> removed >= batch);
    if (total > 0) {
      count("recovery_tasks", total);
      LOG.info(
          () -> "retention: removed " + total + " recovery tasks over more than " + days + " days");
    }
  }

  /** Payloads past their message's retention period, batch by batch. */
  private void removeExpiredPayloads() {
    long total =
        inBatches(
            "payload retention",
            0L,
            () -> (long) batches.runExpiredPayloads(batch),
            Long::sum,
            removed -> removed >= batch);
    if (total > 0) {
      count("payloads", total);
      LOG.info(() -> "retention: removed the payloads of " + total + " messages past their period");
    }
  }

  /** Idempotent answers (idempotency-key) past their 24 hours, batch by batch. */
  private void removeExpiredAnswers() {
    long total =
        inBatches(
            "idempotency-key retention",
            0L,
            () -> (long) batches.runIdempotentAnswers(batch),
            Long::sum,
            removed -> removed >= batch);
    if (total > 0) {
      count("idempotent_answers", total);
      LOG.info(() -> "retention: removed " + total + " expired idempotent answers");
    }
  }

  /** Old inbound events and audit rows, batch by batch, as {@link #removeOld} does deliveries. */
  private void removeOldInbound() {
    RetentionBatch.InboundRemoved total =
        inBatches(
            "inbound retention run",
            new RetentionBatch.InboundRemoved(0, 0),
            () -> batches.runInbound(inboundDays, auditDays, batch),
            RetentionBatch.InboundRemoved::plus,
            removed -> removed.events() >= batch || removed.audit() >= batch);
    if (total.events() + total.audit() > 0) {
      count("inbound_events", total.events());
      count("ingest_audit", total.audit());
      LOG.info(
          () ->
              "retention: removed "
                  + total.events()
                  + " inbound events older than "
                  + inboundDays
                  + " days and "
                  + total.audit()
                  + " ingest audit rows older than "
                  + auditDays
                  + " days");
    }
  }

  /**
   * Runs batches, each in a transaction of its own, while they come back full, at most {@link
   * #BATCHES_PER_RUN} a run, and adds up what they removed. Never throws to the timer (a callback
   * that threw was not called again; see Reconciler): a failure is logged and the next run goes on.
   */
  private <R> R inBatches(
      String what,
      R none,
      java.util.function.Supplier<R> oneBatch,
      java.util.function.BinaryOperator<R> plus,
      java.util.function.Predicate<R> full) {
    R total = none;
    try {
      for (int i = 0; i < BATCHES_PER_RUN; i++) {
        R removed = oneBatch.get();
        total = plus.apply(total, removed);
        if (!full.test(removed)) {
          break;
        }
      }
    } catch (RuntimeException e) {
      LOG.warning(() -> what + " failed, trying again in " + interval + ": " + e);
    }
    return total;
  }

  private void count(String kind, long removed) {
    metrics.count("webhook_retention_deleted", removed, new Tag("kind", kind));
  }
}
