package io.hookline.delivery.control;

import io.hookline.platform.Timestamps;
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

  /**
   * The most one tick re-queues: a million lost messages are repaired in under an hour per node,
   * while consumers that merely lag behind the grace period get at most this many extra reminders a
   * tick, not their whole backlog again.
   */
  static final int MAX_PER_TICK = 20_000;

  @Inject OverdueDeliveries overdue;
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

  /**
   * Outside a transaction, and never throwing: a failed batch (the broker down, say) is logged and
   * tried again at the next interval. When this callback threw (a broker restart in ChaosIT), the
   * timer did not run it again and the reconciler, the safety net for exactly such outages, was
   * gone until the node restarted.
   */
  @Timeout
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  void reconcile() {
    heartbeats.beat("reconciler", interval);
    // Batch after batch, each its own transaction, while full ones come back and the tick's time
    // lasts: a large repair (a broker restored without its journal) takes minutes, not days.
    long end = System.nanoTime() + interval.toNanos();
    int requeued = 0;
    try {
      int batch;
      do {
        batch = overdue.requeue(Timestamps.now().minus(grace), BATCH);
        requeued += batch;
      } while (batch == BATCH && requeued < MAX_PER_TICK && System.nanoTime() - end < 0);
    } catch (RuntimeException e) {
      int before = requeued;
      LOG.warning(
          () ->
              "could not re-queue overdue deliveries (after "
                  + before
                  + " re-queued), trying again in "
                  + interval
                  + ": "
                  + e);
      return;
    }
    int total = requeued;
    if (total > 0) {
      LOG.warning(
          () -> "re-queued " + total + " overdue deliveries whose JMS message was missing or late");
    }
  }
}
