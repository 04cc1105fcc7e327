package io.hookline.message.control;

import io.hookline.app.control.Apps;
import io.hookline.app.entity.App;
import io.hookline.delivery.control.Fanout;
import io.hookline.delivery.entity.Delivery;
import io.hookline.delivery.entity.DeliveryAttempt;
import io.hookline.message.entity.Message;
import io.hookline.platform.Timestamps;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

@ApplicationScoped
@Transactional
public class MessageIntake {
  @PersistenceContext EntityManager em;
  @Inject Apps apps;
  @Inject Fanout fanout;
  @Inject Event<MessageAccepted> accepted;
  @Inject MessageClaims claims;

  /** A send's answer: the message, and whether an earlier identical request made it. */
  public record Accepted(Message message, boolean replayed) {}

  /** Stores the message and queues its deliveries; all of it commits, or none of it. */
  public Message accept(String appRef, String eventType, String eventId, String payload) {
    return accept(appRef, eventType, eventId, payload, null).message();
  }

  /**
   * As {@link #accept(String, String, String, String)}, idempotently: a repeat of an earlier
   * request with the same Idempotency-Key (within 24 h) or the same eventId gets that request's
   * message and creates nothing; the same key or eventId with a different request is a 409.
   */
  public Accepted accept(
      String appRef, String eventType, String eventId, String payload, String idempotencyKey) {
    App app = apps.find(appRef);
    OffsetDateTime now = Timestamps.now();
    List<MessageClaims.Claim> claimed = new ArrayList<>();
    if (idempotencyKey != null) {
      claimed.add(MessageClaims.Claim.idempotencyKey(idempotencyKey, now));
    }
    if (eventId != null) {
      claimed.add(MessageClaims.Claim.eventId(eventId));
    }
    String requestHash = RequestHash.of(eventType, eventId, payload);
    String earlier = claims.earlier(app.getId(), claimed, requestHash);
    if (earlier != null) {
      return new Accepted(em.find(Message.class, earlier), true);
    }
    Message message = new Message(app.getId(), eventType, eventId, payload);
    claims.claim(app.getId(), claimed, requestHash, message.getId(), now);
    em.persist(message);
    // Delivery rows reference the message; JPA does not know that order without a mapping.
    em.flush();
    List<Delivery> deliveries = fanout.fanOut(message);
    accepted.fire(new MessageAccepted(message.getId(), app.getId(), eventType, deliveries.size()));
    return new Accepted(message, false);
  }

  /** The app's messages, newest first, before the cursor (an id) when given. */
  public List<Message> list(String appRef, String before, int limit) {
    return em.createNamedQuery(Message.BY_APP_BEFORE, Message.class)
        .setParameter("appId", apps.find(appRef).getId())
        .setParameter("before", before == null ? "~" : before)
        .setMaxResults(limit)
        .getResultList();
  }

  /** The deliveries of these messages, for showing each message's state per endpoint. */
  public List<Delivery> deliveries(List<String> messageIds) {
    if (messageIds.isEmpty()) {
      return List.of();
    }
    return em.createQuery(
            "select d from Delivery d where d.messageId in :ids order by d.messageId, d.endpointId",
            Delivery.class)
        .setParameter("ids", messageIds)
        .getResultList();
  }

  public Message find(String appRef, String messageId) {
    return apps.findOwned(appRef, Message.class, messageId, "message");
  }

  public List<DeliveryAttempt> attempts(String appRef, String messageId) {
    Message message = find(appRef, messageId);
    return em.createNamedQuery(DeliveryAttempt.BY_MESSAGE, DeliveryAttempt.class)
        .setParameter("messageId", message.getId())
        .getResultList();
  }
}
