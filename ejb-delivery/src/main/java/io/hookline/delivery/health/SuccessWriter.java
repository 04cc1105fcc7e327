package io.hookline.delivery.health;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.OffsetDateTime;

/**
 * Adds counted successes to an endpoint's health row, in a short transaction of its own (an EJB for
 * the same reason as {@link io.hookline.delivery.control.OverdueDeliveries}: it is called from a
 * timer outside a transaction).
 */
@Stateless
public class SuccessWriter {
  @PersistenceContext EntityManager em;

  /**
   * Does to the row what {@code EndpointHealth.record} does for each success on a quiet row,
   * including starting a new window when the row's has run out. A failure streak begun meanwhile is
   * left alone: these successes came before it was seen.
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public void add(
      String endpointId, SuccessTally.Successes successes, OffsetDateTime now, Duration window) {
    String windowOver = "(window_start is null or window_start <= ?1)";
    em.createNativeQuery(
            "update endpoint_health set"
                + " avg_latency_ms = case when avg_latency_ms = 0 and window_successes + window_failures = 0"
                + " then ?2 else avg_latency_ms * ?3 + ?4 end,"
                + " window_successes = case when "
                + windowOver
                + " then ?5 else window_successes + ?5 end,"
                + " window_failures = case when "
                + windowOver
                + " then 0 else window_failures end,"
                + " window_start = case when "
                + windowOver
                + " then ?6 else window_start end,"
                + " last_success_at = greatest(last_success_at, ?7)"
                + " where endpoint_id = ?8")
        .setParameter(1, now.minus(window))
        .setParameter(2, successes.ownAverage())
        .setParameter(3, successes.decay())
        .setParameter(4, successes.added())
        .setParameter(5, successes.count())
        .setParameter(6, successes.first())
        .setParameter(7, successes.last())
        .setParameter(8, endpointId)
        .executeUpdate();
  }
}
