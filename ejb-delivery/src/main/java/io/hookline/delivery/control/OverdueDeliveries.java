package io.hookline.delivery.control;

import io.hookline.delivery.entity.Delivery;
import io.hookline.platform.Timestamps;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One batch of the {@link Reconciler}'s work, in a transaction of its own. An EJB, not a CDI bean
 * with {@code @Transactional}: called from the reconciler's non-transactional timer callback, the
 * latter ran without a transaction here (rows unchanged, nothing sent, no error).
 */
@Stateless
public class OverdueDeliveries {
  @PersistenceContext EntityManager em;
  @Inject DeliveryQueue queue;

  /**
   * Re-queues up to {@code limit} pending deliveries due before {@code dueBefore}; returns how
   * many. SKIP LOCKED passes over a delivery being tried right now, and over the ones another node
   * is re-queueing.
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public int requeue(OffsetDateTime dueBefore, int limit) {
    @SuppressWarnings("unchecked")
    List<String> overdue =
        em.createNativeQuery(
                "select id from delivery where status = 'PENDING' and next_attempt_at < ?"
                    + " order by next_attempt_at limit ? for update skip locked")
            .setParameter(1, dueBefore)
            .setParameter(2, limit)
            .getResultList();
    if (overdue.isEmpty()) {
      return 0;
    }
    OffsetDateTime now = Timestamps.now();
    List<Delivery> deliveries =
        em.createQuery("select d from Delivery d where d.id in :ids", Delivery.class)
            .setParameter("ids", overdue)
            .getResultList();
    deliveries.forEach(delivery -> delivery.dueAt(now));
    // Queued as fresh deliveries are: a JMS message for up to a batch of one endpoint's deliveries
    // on the same try.
    deliveries.stream()
        .collect(Collectors.groupingBy(delivery -> delivery.getAttemptCount() + 1))
        .forEach((attempt, due) -> queue.enqueueAll(due, attempt, Duration.ZERO));
    return overdue.size();
  }
}
