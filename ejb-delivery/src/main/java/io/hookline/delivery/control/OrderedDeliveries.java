package io.hookline.delivery.control;

import io.hookline.delivery.entity.Delivery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

/** Keeps deliveries to an ordered endpoint in sequence: one at a time, earliest first. */
@ApplicationScoped
public class OrderedDeliveries {
  static final Duration MIN_WAIT = Duration.ofMillis(500);
  static final Duration MAX_WAIT = Duration.ofMinutes(1);

  @PersistenceContext EntityManager em;
  @Inject DeliveryQueue queue;

  /**
   * Locks the ordered endpoints a transaction is about to number deliveries for, all in one query
   * and in id order, so that two transactions touching the same endpoints (groups of sends on two
   * nodes, in any message order) queue behind each other instead of deadlocking.
   *
   * <p>The locks are held to commit, and that is what keeps the order: a delivery's number must
   * commit before any later number of its endpoint is visible, or a try of the later one would find
   * no earlier delivery pending ({@link #waitBehindEarlier}) and overtake it. Callers take them
   * last, once their own rows are written, so that only numbering, queueing and the commit itself
   * happen under them.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public void lockEndpoints(List<String> endpointIds) {
    if (endpointIds.isEmpty()) {
      return;
    }
    String marks = String.join(", ", java.util.Collections.nCopies(endpointIds.size(), "?"));
    var query =
        em.createNativeQuery(
            "select id from endpoint where id in (" + marks + ") order by id for update");
    for (int i = 0; i < endpointIds.size(); i++) {
      query.setParameter(i + 1, endpointIds.get(i));
    }
    query.getResultList();
  }

  /**
   * The next {@code count} numbers of ordered deliveries, ascending, in one round trip; call it
   * holding their endpoints' locks.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public List<Long> nextSeqs(int count) {
    if (count == 0) {
      return List.of();
    }
    return em
        .createNativeQuery("select nextval('delivery_seq') from generate_series(1, ?)")
        .setParameter(1, count)
        .getResultList()
        .stream()
        .map(n -> ((Number) n).longValue())
        .sorted()
        .toList();
  }

  /**
   * How long this delivery must wait for an earlier one to the same endpoint, or null when none is
   * pending. The wait runs to about when the earlier one is next due (it also wakes this one when
   * it settles; see {@link #settled}).
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public Duration waitBehindEarlier(Delivery delivery, OffsetDateTime now) {
    List<?> earlier =
        em.createNativeQuery(
                "select next_attempt_at from delivery where endpoint_id = ? and status = 'PENDING' and seq < ? order by seq limit 1")
            .setParameter(1, delivery.getEndpointId())
            .setParameter(2, delivery.getSeq())
            .getResultList();
    if (earlier.isEmpty()) {
      return null;
    }
    Object due = earlier.get(0);
    Duration wait =
        due instanceof Timestamp at ? Duration.between(now.toInstant(), at.toInstant()) : MIN_WAIT;
    return wait.compareTo(MIN_WAIT) < 0 ? MIN_WAIT : wait.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : wait;
  }

  /** Wakes the next delivery to the endpoint once this one is delivered or dead. */
  @Transactional(Transactional.TxType.MANDATORY)
  public void settled(Delivery delivery) {
    em.createQuery(
            "select d from Delivery d where d.endpointId = :endpointId and d.status = io.hookline.delivery.entity.DeliveryStatus.PENDING"
                + " and d.seq > :seq order by d.seq",
            Delivery.class)
        .setParameter("endpointId", delivery.getEndpointId())
        .setParameter("seq", delivery.getSeq())
        .setMaxResults(1)
        .getResultStream()
        .findFirst()
        .ifPresent(next -> queue.enqueue(next, next.getAttemptCount() + 1, Duration.ZERO));
  }
}
