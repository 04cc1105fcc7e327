package io.hookline.delivery.control;

import io.hookline.delivery.entity.Delivery;
import io.hookline.delivery.entity.DeliveryStatus;
import io.hookline.delivery.service.DeliveryService;
import io.hookline.endpoint.entity.Endpoint;
import io.hookline.message.entity.Message;
import io.hookline.platform.Timestamps;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Sends a delivery again on request: a dead or delivered one starts a new round of tries (and
 * leaves the dead-letter queue), a pending one is tried at once, a message never delivered to the
 * endpoint gets a delivery.
 */
@ApplicationScoped
public class Resender {
  @PersistenceContext EntityManager em;
  @Inject DeliveryQueue queue;

  @Transactional(Transactional.TxType.MANDATORY)
  public Delivery resend(Message message, Endpoint endpoint) {
    Delivery delivery =
        em.createNamedQuery(Delivery.BY_MESSAGE_AND_ENDPOINT, Delivery.class)
            .setParameter("messageId", message.getId())
            .setParameter("endpointId", endpoint.getId())
            .getResultStream()
            .findFirst()
            .orElse(null);
    if (delivery == null) {
      delivery = new Delivery(message.getId(), endpoint.getId());
      em.persist(delivery);
      queue.enqueue(delivery, 1, Duration.ZERO);
      return delivery;
    }
    again(delivery, Timestamps.now());
    return delivery;
  }

  /** Re-queues the endpoint's dead and failing deliveries created in [since, until). */
  @Transactional(Transactional.TxType.MANDATORY)
  public int recover(Endpoint endpoint, OffsetDateTime since, OffsetDateTime until) {
    List<Delivery> deliveries =
        em.createNamedQuery(Delivery.TO_RECOVER, Delivery.class)
            .setParameter("endpointId", endpoint.getId())
            .setParameter("since", since)
            .setParameter("until", until)
            .setMaxResults(DeliveryService.RECOVER_LIMIT)
            .getResultList();
    OffsetDateTime now = Timestamps.now();
    deliveries.forEach(delivery -> again(delivery, now));
    return deliveries.size();
  }

  private void again(Delivery delivery, OffsetDateTime now) {
    if (delivery.getStatus() == DeliveryStatus.PENDING) {
      delivery.dueAt(now);
    } else {
      boolean dead = delivery.getStatus() == DeliveryStatus.DEAD;
      delivery.newRound(now);
      if (dead) {
        queue.removeDeadLetter(delivery.getId());
      }
    }
    queue.enqueue(delivery, delivery.getAttemptCount() + 1, Duration.ZERO);
  }
}
