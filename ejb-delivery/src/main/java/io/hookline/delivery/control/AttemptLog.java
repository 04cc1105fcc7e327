package io.hookline.delivery.control;

import io.hookline.delivery.entity.Delivery;
import io.hookline.delivery.entity.DeliveryAttempt;
import io.hookline.delivery.outbound.HttpOutcome;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;

/**
 * The record of each try, written in the transaction that settles what follows from it. The try
 * takes the delivery's manual mark with it (Svix's triggerType): the tries after it are the
 * schedule's.
 */
@ApplicationScoped
public class AttemptLog {
  @PersistenceContext EntityManager em;

  @Transactional(Transactional.TxType.MANDATORY)
  public void record(Delivery delivery, HttpOutcome outcome, OffsetDateTime at) {
    record(delivery, delivery.takeManualTry(), outcome, at);
  }

  /**
   * As {@link #record(Delivery, HttpOutcome, OffsetDateTime)}, with the manual mark the caller took
   * before settling the delivery (a delivery that dies loses its mark).
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public void record(Delivery delivery, boolean manual, HttpOutcome outcome, OffsetDateTime at) {
    em.persist(
        new DeliveryAttempt(
            delivery,
            manual,
            outcome.succeeded()
                ? DeliveryAttempt.Outcome.SUCCEEDED
                : DeliveryAttempt.Outcome.FAILED,
            outcome.status(),
            outcome.body(),
            outcome.error(),
            outcome.durationMs(),
            at));
  }
}
