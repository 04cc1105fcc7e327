package io.hookline.delivery.control;

import io.hookline.delivery.entity.Delivery;
import io.hookline.platform.Timestamps;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The database is the record of what is owed; a JMS message is only a reminder. Every interval,
 * this finds pending deliveries whose next try is overdue by more than the grace period (their
 * message was lost: a broker restored without its journal, a message deleted in the console) and
 * queues the try again. A reminder that was only late does no harm: the try it names has been made
 * by then, and the row ignores it.
 */
@Startup
@Singleton
public class Reconciler {
  private static final Logger LOG = Logger.getLogger(Reconciler.class.getName());
  private static final int BATCH = 500;

  @PersistenceContext EntityManager em;
  @Inject DeliveryQueue queue;
  @Inject io.hookline.runtime.Heartbeats heartbeats;
  @Resource TimerService timers;

  @Inject
  @ConfigProperty(name = "hookline.reconciler.interval", defaultValue = "PT1M")
  Duration interval;

  @Inject
  @ConfigProperty(name = "hookline.reconciler.grace", defaultValue = "PT5M")
  Duration grace;

  @PostConstruct
  void schedule() {
    heartbeats.beat("reconciler", interval);
    timers.createIntervalTimer(
        interval.toMillis(), interval.toMillis(), new TimerConfig("reconciler", false));
  }

  @Timeout
  void reconcile() {
    heartbeats.beat("reconciler", interval);
    int requeued = requeueOverdue(Timestamps.now());
    if (requeued > 0) {
      LOG.warning(
          () ->
              "re-queued "
                  + requeued
                  + " overdue deliveries whose JMS message was missing or late");
    }
  }

  /**
   * Re-queues up to one batch of overdue deliveries; returns how many. SKIP LOCKED passes over a
   * delivery being tried right now, and over the ones another node is re-queueing.
   */
  int requeueOverdue(OffsetDateTime now) {
    @SuppressWarnings("unchecked")
    List<String> overdue =
        em.createNativeQuery(
                "select id from delivery where status = 'PENDING' and next_attempt_at < ?"
                    + " order by next_attempt_at limit "
                    + BATCH
                    + " for update skip locked")
            .setParameter(1, now.minus(grace))
            .getResultList();
    for (String id : overdue) {
      Delivery delivery = em.find(Delivery.class, id);
      delivery.dueAt(now);
      queue.enqueue(delivery, delivery.getAttemptCount() + 1, Duration.ZERO);
    }
    return overdue.size();
  }
}
