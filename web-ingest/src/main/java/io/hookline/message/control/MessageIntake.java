package io.hookline.message.control;

import io.hookline.app.control.Apps;
import io.hookline.app.entity.App;
import io.hookline.delivery.entity.Delivery;
import io.hookline.delivery.service.DeliveryService;
import io.hookline.message.entity.Message;
import io.hookline.platform.Ids;
import io.hookline.platform.ListPage;
import io.hookline.platform.Refusal;
import io.hookline.platform.Timestamps;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
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
   * request with the same Idempotency-Key (within 24 h) gets that request's message and creates
   * nothing; the same key with a different request is a 409, and so is an eventId the app already
   * has a message for (as long as that message is kept).
   */
  public Accepted accept(
      String appRef, String eventType, String eventId, String payload, String idempotencyKey) {
    return accept(
        new Send(
            appRef, eventType, eventId, payload, List.of(), List.of(), null, idempotencyKey, null));
  }

  /** As {@link #accept(String, String, String, String, String)}, with every field of a send. */
  public Accepted accept(Send send) {
    GroupCommit.Outcome<Accepted> outcome = acceptAll(List.of(send), new HashMap<>()).get(0);
    if (outcome.error() != null) {
      throw outcome.error();
    }
    return outcome.value();
  }

  /** The claims a send makes: its Idempotency-Key's and its eventId's, if it has them. */
  private static List<MessageClaims.Claim> claimsOf(Send send, OffsetDateTime now) {
    List<MessageClaims.Claim> claimed = new ArrayList<>();
    if (send.idempotencyKey() != null) {
      claimed.add(MessageClaims.Claim.idempotencyKey(send.idempotencyKey(), now));
    }
    if (send.eventId() != null) {
      claimed.add(MessageClaims.Claim.eventId(send.eventId()));
    }
    return claimed;
  }

  /** A send of the group that makes claims, with the message it is to store. */
  private record Claiming(int index, MessageClaims.Pending pending, Message message) {}

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
   * A single send as a request hands it in, with the days its payload is kept (Svix's
   * payloadRetentionPeriod; null: the default) and the trace its deliveries continue (null: the
   * current one).
   */
  public record Send(
      String appRef,
      String eventType,
      String eventId,
      String payload,
      List<String> channels,
      List<String> tags,
      Integer payloadDays,
      String idempotencyKey,
      Map<String, String> trace) {
    public Send {
      channels = channels == null ? List.of() : channels;
      tags = tags == null ? List.of() : tags;
    }
  }

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
   *
   * <p>Each send is first looked up (an earlier identical request, in the database or in this
   * group, makes it a replay), then the claims of all new sends are made together in one global
   * order ({@link MessageClaims#claimAll}), and only then are the messages written.
   */
  private List<GroupCommit.Outcome<Accepted>> acceptAll(
      List<Send> sends, Map<String, App> appsByRef) {
    OffsetDateTime now = Timestamps.now();
    List<GroupCommit.Outcome<Accepted>> outcomes =
        new ArrayList<>(java.util.Collections.nCopies(sends.size(), null));
    Message[] stored = new Message[sends.size()];
    List<Claiming> claiming = new ArrayList<>();
    Map<String, Claiming> claimedHere = new HashMap<>();
    Map<Integer, Claiming> repeats = new HashMap<>();
    for (int i = 0; i < sends.size(); i++) {
      Send send = sends.get(i);
      try {
        App app = appsByRef.get(send.appRef());
        if (app == null) {
          app = apps.find(send.appRef());
          appsByRef.put(send.appRef(), app);
        }
        Message message =
            new Message(
                app.getId(),
                send.eventType(),
                send.eventId(),
                send.payload(),
                send.channels(),
                send.tags());
        if (send.payloadDays() != null) {
          message.keepPayloadFor(send.payloadDays());
        }
        List<MessageClaims.Claim> claimed = claimsOf(send, now);
        // Without a key or an eventId there is nothing to repeat: no hash, no lookup, no claim.
        if (claimed.isEmpty()) {
          stored[i] = message;
          continue;
        }
        String requestHash =
            RequestHash.of(
                send.eventType(), send.eventId(), send.payload(), send.channels(), send.tags());
        Claiming same = sameInGroup(claimedHere, app.getId(), claimed, requestHash);
        if (same != null) {
          repeats.put(i, same);
          continue;
        }
        String earlier = claims.earlier(app.getId(), claimed, requestHash);
        if (earlier != null) {
          outcomes.set(
              i, GroupCommit.Outcome.of(new Accepted(em.find(Message.class, earlier), true)));
          continue;
        }
        Claiming mine =
            new Claiming(
                i,
                new MessageClaims.Pending(app.getId(), claimed, requestHash, message.getId()),
                message);
        claiming.add(mine);
        for (MessageClaims.Claim claim : claimed) {
          claimedHere.put(app.getId() + " " + claim.name(), mine);
        }
      } catch (io.hookline.platform.Refusal refused) {
        // Raised before anything of the send was written.
        outcomes.set(i, GroupCommit.Outcome.failed(refused));
      }
    }
    Map<String, io.hookline.platform.Refusal> lost =
        claims.claimAll(claiming.stream().map(Claiming::pending).toList(), now);
    for (Claiming made : claiming) {
      io.hookline.platform.Refusal refused = lost.get(made.message().getId());
      if (refused == null) {
        stored[made.index()] = made.message();
      } else {
        outcomes.set(made.index(), GroupCommit.Outcome.failed(refused));
      }
    }
    repeats.forEach(
        (i, of) -> {
          io.hookline.platform.Refusal refused = lost.get(of.message().getId());
          outcomes.set(
              i,
              refused != null
                  ? GroupCommit.Outcome.failed(refused)
                  : GroupCommit.Outcome.of(new Accepted(of.message(), true)));
        });
    List<Message> fresh = new ArrayList<>();
    Map<String, Map<String, String>> traces = new HashMap<>();
    for (int i = 0; i < sends.size(); i++) {
      if (stored[i] != null) {
        em.persist(stored[i]);
        fresh.add(stored[i]);
        outcomes.set(i, GroupCommit.Outcome.of(new Accepted(stored[i], false)));
        if (sends.get(i).trace() != null) {
          traces.put(stored[i].getId(), sends.get(i).trace());
        }
      }
    }
    queue(fresh, traces.isEmpty() ? null : traces);
    if (transactions.getRollbackOnly()) {
      // Never answer with ids that will not exist: fail them all instead.
      throw new IllegalStateException("the transaction was marked for rollback");
    }
    return outcomes;
  }

  /**
   * The send of this group that made the same Idempotency-Key claim for the same request, or null;
   * a key claimed here for another request, or an eventId claimed here at all, is a 409.
   */
  private static Claiming sameInGroup(
      Map<String, Claiming> claimedHere,
      String appId,
      List<MessageClaims.Claim> claimed,
      String requestHash) {
    for (MessageClaims.Claim claim : claimed) {
      Claiming earlier = claimedHere.get(appId + " " + claim.name());
      if (earlier != null) {
        if (!claim.replayable() || !earlier.pending().requestHash().equals(requestHash)) {
          throw MessageClaims.usedForAnother(claim);
        }
        return earlier;
      }
    }
    return null;
  }

  /**
   * What a list of messages keeps: any of these event types (none: all), the channel and tag when
   * given, created before and after these instants when given.
   */
  public record Filter(
      List<String> eventTypes,
      String channel,
      String tag,
      OffsetDateTime before,
      OffsetDateTime after) {
    public Filter {
      eventTypes = eventTypes == null ? List.of() : eventTypes;
    }

    MessageMatch match() {
      return new MessageMatch(eventTypes, channel, tag);
    }
  }

  /**
   * A page of the app's messages (by id, newest first unless asked otherwise) that the filter
   * keeps. before and after bound the id as well as createdAt, so the scan is the time range's and
   * not the app's whole history.
   */
  public ListPage.Page<Message> list(String appRef, ListPage page, Filter filter) {
    MessageMatch match = filter.match();
    StringBuilder jpql = new StringBuilder("select m from Message m where m.appId = :appId");
    jpql.append(match.jpql("m"));
    if (filter.before() != null) {
      jpql.append(" and m.createdAt < :before and m.id < :idBefore");
    }
    if (filter.after() != null) {
      jpql.append(" and m.createdAt > :after and m.id >= :idAfter");
    }
    String bound = page.condition("m.id");
    if (bound != null) {
      jpql.append(" and ").append(bound);
    }
    jpql.append(page.orderBy("m.id"));
    var query =
        em.createQuery(jpql.toString(), Message.class)
            .setParameter("appId", apps.find(appRef).getId());
    match.bind(query::setParameter);
    if (filter.before() != null) {
      query
          .setParameter("before", filter.before())
          .setParameter("idBefore", Ids.idBoundBefore("msg", filter.before()));
    }
    if (filter.after() != null) {
      query
          .setParameter("after", filter.after())
          .setParameter("idAfter", Ids.lowestIdAfter("msg", filter.after()));
    }
    if (bound != null) {
      query.setParameter(ListPage.BOUND, page.bound());
    }
    return page.page(query.setMaxResults(page.fetchSize()).getResultList(), Message::getId);
  }

  /** One item of a batch: what it asks for, or why it cannot be taken. */
  public record BatchItem(
      String eventType,
      String eventId,
      String payload,
      List<String> channels,
      List<String> tags,
      Integer payloadDays,
      RuntimeException refused) {}

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
        sends.add(
            new Send(
                appRef,
                item.eventType(),
                item.eventId(),
                item.payload(),
                item.channels(),
                item.tags(),
                item.payloadDays(),
                null,
                null));
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

  /** The app's message by its id or, as Svix looks it up, by its eventId; 404 when neither. */
  public Message find(String appRef, String messageRef) {
    App app = apps.find(appRef);
    Message message = em.find(Message.class, messageRef);
    if (message != null && message.getAppId().equals(app.getId())) {
      return message;
    }
    String byEventId = claims.messageOfEventId(app.getId(), messageRef);
    message = byEventId == null ? null : em.find(Message.class, byEventId);
    if (message == null) {
      throw Refusal.notFound("message", messageRef);
    }
    return message;
  }
}
