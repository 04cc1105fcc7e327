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
 * hookline.retention.audit-days} go the same way, and stored idempotent answers past their 24
 * hours.
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
    RetentionBatch.Removed total = new RetentionBatch.Removed(0, 0, 0);
    try {
      for (int i = 0; i < BATCHES_PER_RUN; i++) {
        RetentionBatch.Removed removed = batches.run(days, batch);
        total = total.plus(removed);
        if (removed.deliveries() < batch) {
          break;
        }
      }
    } catch (RuntimeException e) {
      // Never thrown to the timer: a callback that threw was not called again (see Reconciler).
      LOG.warning(() -> "retention run failed, trying again in " + interval + ": " + e);
    }
    if (total.deliveries() > 0) {
      count("deliveries", total.deliveries());
      count("attempts", total.attempts());
      count("messages", total.messages());
      RetentionBatch.Removed report = total;
      LOG.info(
          () ->
              "retention: removed "
                  + report.deliveries()
                  + " deliveries, "
                  + report.attempts()
                  + " attempts and "
                  + report.messages()
                  + " messages delivered more than "
                  + days
                  + " days ago");
    }
    removeOldInbound();
    removeExpiredAnswers();
  }

  /** Idempotent answers (idempotency-key) past their 24 hours, batch by batch. */
  private void removeExpiredAnswers() {
    long total = 0;
    try {
      for (int i = 0; i < BATCHES_PER_RUN; i++) {
        int removed = batches.runIdempotentAnswers(batch);
        total += removed;
        if (removed < batch) {
          break;
        }
      }
    } catch (RuntimeException e) {
      LOG.warning(() -> "idempotency-key retention failed, trying again in " + interval + ": " + e);
    }
    if (total > 0) {
      count("idempotent_answers", total);
      long report = total;
      LOG.info(() -> "retention: removed " + report + " expired idempotent answers");
    }
  }

  /** Old inbound events and audit rows, batch by batch, as {@link #removeOld} does deliveries. */
  private void removeOldInbound() {
    RetentionBatch.InboundRemoved total = new RetentionBatch.InboundRemoved(0, 0);
    try {
      for (int i = 0; i < BATCHES_PER_RUN; i++) {
        RetentionBatch.InboundRemoved removed = batches.runInbound(inboundDays, auditDays, batch);
        total = total.plus(removed);
        if (removed.events() < batch && removed.audit() < batch) {
          break;
        }
      }
    } catch (RuntimeException e) {
      LOG.warning(() -> "inbound retention run failed, trying again in " + interval + ": " + e);
    }
    if (total.events() + total.audit() > 0) {
      count("inbound_events", total.events());
      count("ingest_audit", total.audit());
      RetentionBatch.InboundRemoved report = total;
      LOG.info(
          () ->
              "retention: removed "
                  + report.events()
                  + " inbound events older than "
                  + inboundDays
                  + " days and "
                  + report.audit()
                  + " ingest audit rows older than "
                  + auditDays
                  + " days");
    }
  }

  private void count(String kind, long removed) {
    metrics.count("webhook_retention_deleted", removed, new Tag("kind", kind));
  }
}
