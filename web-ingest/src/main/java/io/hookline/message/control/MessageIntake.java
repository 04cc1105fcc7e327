package io.hookline.message.control;

import io.hookline.app.control.Apps;
import io.hookline.app.entity.App;
import io.hookline.delivery.entity.Delivery;
import io.hookline.delivery.entity.DeliveryAttempt;
import io.hookline.delivery.service.DeliveryService;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

@ApplicationScoped
@Transactional
public class MessageIntake {
  @PersistenceContext EntityManager em;
  @Inject Apps apps;
  @Inject DeliveryService delivery;
  @Inject Event<MessageAccepted> accepted;
  @Inject MessageClaims claims;
  @jakarta.annotation.Resource jakarta.transaction.TransactionSynchronizationRegistry transactions;

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
    return acceptInTransaction(apps.find(appRef), eventType, eventId, payload, idempotencyKey);
  }

  private Accepted acceptInTransaction(
      App app, String eventType, String eventId, String payload, String idempotencyKey) {
    Accepted result = store(app, eventType, eventId, payload, idempotencyKey, Map.of());
    if (!result.replayed()) {
      queue(List.of(result.message()));
    }
    return result;
  }

  /**
   * Claims the request's Idempotency-Key and eventId and persists its message, or finds the message
   * an earlier identical request made. Private so that a call from {@link #acceptBatch} is not
   * intercepted: Weld intercepts calls on {@code this} too, and a Refusal passing the
   * {@code @Transactional} interceptor marks the whole batch's transaction for rollback, which then
   * rolls back without a word.
   *
   * @param unflushed messages of this transaction not yet written, by id: an earlier identical item
   *     of the same batch is found there
   */
  private Accepted store(
      App app,
      String eventType,
      String eventId,
      String payload,
      String idempotencyKey,
      Map<String, Message> unflushed) {
    OffsetDateTime now = Timestamps.now();
    List<MessageClaims.Claim> claimed = new ArrayList<>();
    if (idempotencyKey != null) {
      claimed.add(MessageClaims.Claim.idempotencyKey(idempotencyKey, now));
    }
    if (eventId != null) {
      claimed.add(MessageClaims.Claim.eventId(eventId));
    }
    Message message = new Message(app.getId(), eventType, eventId, payload);
    // Without a key or an eventId there is nothing to repeat: no hash, no lookup, no claim.
    if (!claimed.isEmpty()) {
      String requestHash = RequestHash.of(eventType, eventId, payload);
      String earlier = claims.earlier(app.getId(), claimed, requestHash);
      if (earlier != null) {
        Message same = unflushed.get(earlier);
        return new Accepted(same != null ? same : em.find(Message.class, earlier), true);
      }
      claims.claim(app.getId(), claimed, requestHash, message.getId(), now);
    }
    em.persist(message);
    return new Accepted(message, false);
  }

  /** Writes the new messages, then their deliveries, and queues those. */
  private void queue(List<Message> messages) {
    queue(messages, null);
  }

  /**
   * Writes the new messages, then their deliveries, and queues those, each continuing its trace
   * ({@code traces} by message id; null: the current one).
   */
  private void queue(List<Message> messages, Map<String, Map<String, String>> traces) {
    // Delivery rows reference the message; JPA does not know that order without a mapping.
    em.flush();
    Map<String, Long> deliveries =
        delivery.fanOut(messages, traces).stream()
            .collect(Collectors.groupingBy(Delivery::getMessageId, Collectors.counting()));
    for (Message message : messages) {
      accepted.fire(
          new MessageAccepted(
              message.getId(),
              message.getAppId(),
              message.getEventType(),
              deliveries.getOrDefault(message.getId(), 0L).intValue()));
    }
  }

  /**
   * A single send as a request hands it in, with the trace its deliveries continue (null: the
   * current one).
   */
  public record Send(
      String appRef,
      String eventType,
      String eventId,
      String payload,
      String idempotencyKey,
      Map<String, String> trace) {}

  /**
   * Accepts single sends that arrived together ({@link SendGroups}), in this one transaction: each
   * is stored and queued as {@link #accept(String, String, String, String, String)} would, and a
   * send refused (an unknown app, an Idempotency-Key or eventId clash) is answered on its own.
   */
  public List<GroupCommit.Outcome<Accepted>> acceptGroup(List<Send> sends) {
    return acceptAll(sends, new java.util.HashMap<>());
  }

  /**
   * Stores each send (an unknown app, an Idempotency-Key or eventId clash is that send's answer
   * alone), then queues the new messages' deliveries, each continuing its send's trace when it has
   * one; {@code appsByRef} holds the apps already found.
   */
  private List<GroupCommit.Outcome<Accepted>> acceptAll(
      List<Send> sends, Map<String, App> appsByRef) {
    Map<String, Message> fresh = new LinkedHashMap<>();
    Map<String, Map<String, String>> traces = new java.util.HashMap<>();
    List<GroupCommit.Outcome<Accepted>> outcomes = new ArrayList<>();
    for (Send send : sends) {
      try {
        App app = appsByRef.get(send.appRef());
        if (app == null) {
          app = apps.find(send.appRef());
          appsByRef.put(send.appRef(), app);
        }
        Accepted stored =
            store(
                app,
                send.eventType(),
                send.eventId(),
                send.payload(),
                send.idempotencyKey(),
                fresh);
        outcomes.add(GroupCommit.Outcome.of(stored));
        if (!stored.replayed()) {
          fresh.put(stored.message().getId(), stored.message());
          if (send.trace() != null) {
            traces.put(stored.message().getId(), send.trace());
          }
        }
      } catch (io.hookline.platform.Refusal refused) {
        // Raised before anything of the send was written.
        outcomes.add(GroupCommit.Outcome.failed(refused));
      }
    }
    queue(List.copyOf(fresh.values()), traces.isEmpty() ? null : traces);
    if (transactions.getRollbackOnly()) {
      // Never answer with ids that will not exist: fail them all instead.
      throw new IllegalStateException("the transaction was marked for rollback");
    }
    return outcomes;
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

  /** One item of a batch: what it asks for, or why it cannot be taken. */
  public record BatchItem(
      String eventType, String eventId, String payload, RuntimeException refused) {}

  /**
   * Accepts every item that can be, in this one transaction: each is stored and queued as {@link
   * #accept(String, String, String, String, String)} would, a refused item (invalid, or an eventId
   * already used for another message) is answered with its own error and the rest go on.
   *
   * @return per item, in order: the message, or the error
   */
  public List<Object> acceptBatch(String appRef, List<BatchItem> items) {
    // An unknown app refuses the whole batch, not each item.
    App app = apps.find(appRef);
    List<Send> sends = new ArrayList<>();
    for (BatchItem item : items) {
      if (item.refused() == null) {
        sends.add(new Send(appRef, item.eventType(), item.eventId(), item.payload(), null, null));
      }
    }
    Map<String, App> known = new java.util.HashMap<>(Map.of(appRef, app));
    java.util.Iterator<GroupCommit.Outcome<Accepted>> outcomes = acceptAll(sends, known).iterator();
    List<Object> results = new ArrayList<>();
    for (BatchItem item : items) {
      if (item.refused() != null) {
        results.add(item.refused());
      } else {
        GroupCommit.Outcome<Accepted> outcome = outcomes.next();
        results.add(outcome.error() != null ? outcome.error() : outcome.value().message());
      }
    }
    return results;
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
