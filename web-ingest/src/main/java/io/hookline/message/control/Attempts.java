package io.hookline.message.control;

import io.hookline.delivery.entity.Delivery;
import io.hookline.delivery.entity.DeliveryAttempt;
import io.hookline.endpoint.control.Endpoints;
import io.hookline.endpoint.entity.Endpoint;
import io.hookline.message.entity.Message;
import io.hookline.platform.KeysetQuery;
import io.hookline.platform.ListPage;
import io.hookline.platform.Refusal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The tries at delivering an app's messages as Svix lists them: by message, by endpoint, one by its
 * id, and a message's destinations with their state. Every try recorded has an outcome, so only the
 * statuses success and fail have attempts.
 */
@ApplicationScoped
@Transactional
public class Attempts {
  /** The prefix of an attempt's id: the row's number follows. */
  public static final String ID_PREFIX = "atmpt_";

  @PersistenceContext EntityManager em;
  @Inject MessageIntake messages;
  @Inject Endpoints endpoints;

  /** A try with the URL of the endpoint it went to. */
  public record Attempt(DeliveryAttempt row, String url) {
    public String id() {
      return ID_PREFIX + row.getId();
    }
  }

  /** A message's delivery to an endpoint, with the endpoint. */
  public record Destination(Delivery delivery, Endpoint endpoint) {}

  /**
   * What a list of attempts keeps: a Svix status (0 success, 2 fail; 1 pending and 3 sending have
   * no recorded tries), any of the event types, one endpoint's, and created before and after these
   * instants; null or empty keeps all.
   */
  public record Filter(
      Integer status,
      List<String> eventTypes,
      String endpointId,
      OffsetDateTime before,
      OffsetDateTime after) {
    public Filter {
      eventTypes = eventTypes == null ? List.of() : eventTypes;
    }
  }

  public ListPage.Page<Attempt> byMessage(
      String appRef, String messageRef, ListPage page, Filter f) {
    Message message = messages.find(appRef, messageRef);
    String endpointId =
        f.endpointId() == null ? null : endpoints.find(appRef, f.endpointId()).getId();
    return list("a.messageId = :owner", message.getId(), endpointId, page, f);
  }

  public ListPage.Page<Attempt> byEndpoint(
      String appRef, String endpointRef, ListPage page, Filter f) {
    Endpoint endpoint = endpoints.find(appRef, endpointRef);
    return list("a.endpointId = :owner", endpoint.getId(), null, page, f);
  }

  /** One try at the message, by its {@code atmpt_} id; 404 for another message's. */
  public Attempt get(String appRef, String messageRef, String attemptId) {
    Message message = messages.find(appRef, messageRef);
    Long number = number(attemptId);
    DeliveryAttempt row = number == null ? null : em.find(DeliveryAttempt.class, number);
    if (row == null || !row.getMessageId().equals(message.getId())) {
      throw Refusal.notFound("attempt", attemptId);
    }
    Endpoint endpoint = em.find(Endpoint.class, row.getEndpointId());
    return new Attempt(row, endpoint == null ? null : endpoint.getUrl());
  }

  /** The endpoints the message was to go to, by endpoint id, each with its delivery's state. */
  public ListPage.Page<Destination> destinations(String appRef, String messageRef, ListPage page) {
    Message message = messages.find(appRef, messageRef);
    return KeysetQuery.of(em, Object[].class, "select d, e from Delivery d, Endpoint e")
        .where("e.id = d.endpointId")
        .where("d.messageId = :messageId", "messageId", message.getId())
        .page(
            page,
            "e.id",
            bound -> bound,
            row -> new Destination((Delivery) row[0], (Endpoint) row[1]),
            destination -> destination.endpoint().getId());
  }

  /**
   * The destinations of each of these messages (one page of a list), by message id, each list in
   * endpoint id order: one query for the whole page, not one per message.
   */
  public Map<String, List<Destination>> destinationsOf(List<Message> page) {
    if (page.isEmpty()) {
      return Map.of();
    }
    Map<String, List<Destination>> byMessage = new HashMap<>();
    em.createQuery(
            "select d, e from Delivery d, Endpoint e where e.id = d.endpointId"
                + " and d.messageId in :messageIds order by d.messageId, e.id",
            Object[].class)
        .setParameter("messageIds", page.stream().map(Message::getId).toList())
        .getResultList()
        .forEach(
            row ->
                byMessage
                    .computeIfAbsent(((Delivery) row[0]).getMessageId(), id -> new ArrayList<>())
                    .add(new Destination((Delivery) row[0], (Endpoint) row[1])));
    return byMessage;
  }

  private ListPage.Page<Attempt> list(
      String owner, String ownerId, String endpointId, ListPage page, Filter f) {
    if (f.status() != null && f.status() != 0 && f.status() != 2) {
      return page.page(List.of(), attempt -> attempt.row().getId().toString());
    }
    boolean byEventType = !f.eventTypes().isEmpty();
    KeysetQuery<Object[]> query =
        KeysetQuery.of(
                em,
                Object[].class,
                "select a, e.url from DeliveryAttempt a, Endpoint e"
                    + (byEventType ? ", Message m" : ""))
            .where("e.id = a.endpointId")
            .where(owner, "owner", ownerId);
    if (byEventType) {
      query.where(
          "m.id = a.messageId and m.eventType in :eventTypes", "eventTypes", f.eventTypes());
    }
    query
        .whereGiven("a.endpointId = :endpointId", "endpointId", endpointId)
        .whereGiven(
            "a.status = :status",
            "status",
            f.status() == null
                ? null
                : f.status() == 0
                    ? DeliveryAttempt.Outcome.SUCCEEDED
                    : DeliveryAttempt.Outcome.FAILED)
        .whereGiven("a.createdAt < :before", "before", f.before())
        .whereGiven("a.createdAt > :after", "after", f.after());
    return query.page(
        page,
        "a.id",
        KeysetQuery.NUMBER,
        row -> new Attempt((DeliveryAttempt) row[0], (String) row[1]),
        attempt -> attempt.row().getId().toString());
  }

  /** The row number of an {@code atmpt_} id, or null when it is not one. */
  static Long number(String attemptId) {
    if (attemptId == null || !attemptId.startsWith(ID_PREFIX)) {
      return null;
    }
    try {
      return Long.valueOf(attemptId.substring(ID_PREFIX.length()));
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
