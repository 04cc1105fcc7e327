package io.hookline.delivery.control;

import io.hookline.delivery.entity.Delivery;
import io.hookline.delivery.entity.DeliveryStatus;
import io.hookline.endpoint.entity.Endpoint;
import io.hookline.message.entity.Message;
import io.hookline.platform.Timestamps;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Sends a delivery again on request: a dead or delivered one starts a new round of tries (and
 * leaves the dead-letter queue), a pending one is tried at once, a message never delivered to the
 * endpoint gets a delivery.
 *
 * <p>Each row is locked before it is read, as a try locks it: a resend that comes while a try is in
 * flight waits for that try's outcome and acts on it (a try that made the delivery dead is followed
 * by a new round), never on the state the try is about to replace.
 */
@ApplicationScoped
public class Resender {
  @PersistenceContext EntityManager em;
  @Inject DeliveryQueue queue;
  @Inject OrderedDeliveries ordered;

  /** What one batch of a recovery did: how many it re-queued, and the last id it looked at. */
  public record Recovered(int count, String lastId) {}

  @Transactional(Transactional.TxType.MANDATORY)
  public Delivery resend(Message message, Endpoint endpoint) {
    Delivery delivery =
        em.createNamedQuery(Delivery.BY_MESSAGE_AND_ENDPOINT, Delivery.class)
            .setParameter("messageId", message.getId())
            .setParameter("endpointId", endpoint.getId())
            .setLockMode(LockModeType.PESSIMISTIC_WRITE)
            .getResultStream()
            .findFirst()
            .orElse(null);
    if (delivery == null) {
      delivery = new Delivery(message.getId(), endpoint.getId());
      delivery.manualTryRequested();
      sequence(delivery, endpoint);
      em.persist(delivery);
      queue.enqueue(delivery, 1, Duration.ZERO);
      return delivery;
    }
    if (again(delivery, endpoint, Timestamps.now())) {
      queue.removeDeadLetter(delivery.getId());
    }
    return delivery;
  }

  /**
   * The endpoint's dead and failing deliveries created in [since, until) after the cursor, in id
   * order. The status condition is written out as V25's delivery_to_recover_idx has it, so that the
   * index serves every plan of it (also a generic plan with bound parameters): a batch reads its
   * own rows, not all of the endpoint's.
   */
  static final String TO_RECOVER =
      "select id from delivery where endpoint_id = ? and created_at >= ? and created_at < ?"
          + " and id > ? and (status = 'DEAD' or (status = 'PENDING' and attempt_count > 0))"
          + " order by id limit ?";

  /**
   * Re-queues up to {@code limit} of the endpoint's dead and failing deliveries created in [since,
   * until) whose ids come after {@code after}, in id order, in the caller's transaction (a {@link
   * Recoveries} batch), each row locked as it is read.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public Recovered recoverBatch(
      String endpointId, OffsetDateTime since, OffsetDateTime until, String after, int limit) {
    @SuppressWarnings("unchecked")
    List<String> ids =
        em.createNativeQuery(TO_RECOVER + " for update")
            .setParameter(1, endpointId)
            .setParameter(2, since)
            .setParameter(3, until)
            .setParameter(4, after)
            .setParameter(5, limit)
            .getResultList();
    if (ids.isEmpty()) {
      return new Recovered(0, null);
    }
    List<Delivery> deliveries =
        em.createQuery("select d from Delivery d where d.id in :ids order by d.id", Delivery.class)
            .setParameter("ids", ids)
            .getResultList();
    Endpoint endpoint = em.find(Endpoint.class, endpointId);
    OffsetDateTime now = Timestamps.now();
    // The dead ones leave hookline.dlq together: one pass over the queue a batch, not one a row.
    List<String> revived =
        deliveries.stream()
            .filter(delivery -> again(delivery, endpoint, now))
            .map(Delivery::getId)
            .toList();
    if (!revived.isEmpty()) {
      queue.removeDeadLetters(revived);
    }
    return new Recovered(deliveries.size(), ids.get(ids.size() - 1));
  }

  /**
   * The id of the first of the endpoint's dead and failing deliveries created in [since, until)
   * after {@code after}, or null; read without a lock.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public String nextToRecover(
      String endpointId, OffsetDateTime since, OffsetDateTime until, String after) {
    List<?> ids =
        em.createNativeQuery(TO_RECOVER)
            .setParameter(1, endpointId)
            .setParameter(2, since)
            .setParameter(3, until)
            .setParameter(4, after)
            .setParameter(5, 1)
            .getResultList();
    return ids.isEmpty() ? null : (String) ids.get(0);
  }

  /**
   * Queues the delivery's next try now, a manual one: a pending one is brought forward, a dead or
   * delivered one starts a new series.
   *
   * @return whether it was dead, so that its entry on the dead-letter queue should go
   */
  private boolean again(Delivery delivery, Endpoint endpoint, OffsetDateTime now) {
    boolean dead = delivery.getStatus() == DeliveryStatus.DEAD;
    if (delivery.getStatus() == DeliveryStatus.PENDING) {
      delivery.dueAt(now);
    } else {
      delivery.newRound(now);
      sequence(delivery, endpoint);
    }
    delivery.manualTryRequested();
    queue.enqueue(delivery, delivery.getAttemptCount() + 1, Duration.ZERO);
    return dead;
  }

  /**
   * A delivery sent again to an ordered endpoint joins the end of its line, as a new message would:
   * it takes the next number, and waits for the deliveries before it.
   */
  private void sequence(Delivery delivery, Endpoint endpoint) {
    if (endpoint.isOrdered()) {
      ordered.lockEndpoints(List.of(endpoint.getId()));
      delivery.setSeq(ordered.nextSeqs(1).get(0));
    }
  }
}
