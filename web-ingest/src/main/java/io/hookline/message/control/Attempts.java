package io.hookline.message.control;

import io.hookline.delivery.entity.Delivery;
import io.hookline.delivery.entity.DeliveryAttempt;
import io.hookline.endpoint.control.Endpoints;
import io.hookline.endpoint.entity.Endpoint;
import io.hookline.message.entity.Message;
import io.hookline.platform.ListPage;
import io.hookline.platform.NameSets;
import io.hookline.platform.Refusal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * The tries at delivering an app's messages as Svix lists them: by message, by endpoint, one by its
 * id, and a message's destinations with their state. A try is recorded with its outcome, in the
 * transaction that settles it, so every attempt is a success or a failure, as in Svix: what is
 * still to come (pending, sending) is the state of a destination, not of an attempt.
 */
@ApplicationScoped
@Transactional
public class Attempts {
  /** The prefix of an attempt's id: the row's number follows. */
  public static final String ID_PREFIX = "atmpt_";

  @PersistenceContext EntityManager em;
  @Inject MessageIntake messages;
  @Inject Endpoints endpoints;

  /**
   * A try with the URL of the endpoint it went to, and its message when asked for (null otherwise).
   */
  public record Attempt(DeliveryAttempt row, String url, Message message) {
    public String id() {
      return ID_PREFIX + row.getId();
    }
  }

  /** A message's delivery to an endpoint, with the endpoint. */
  public record Destination(Delivery delivery, Endpoint endpoint) {}

  /**
   * What a list of attempts keeps: a Svix status (0 success, 2 fail; 1 pending, 3 sending and 4
   * canceled have no attempts), a Svix status code class (0: no HTTP answer, 100 to 500: its
   * hundred), any of the event types, one endpoint's, the message's channel and tag, and created
   * before and after these instants; null or empty keeps all.
   */
  public record Filter(
      Integer status,
      Integer statusCodeClass,
      List<String> eventTypes,
      String endpointId,
      String channel,
      String tag,
      OffsetDateTime before,
      OffsetDateTime after) {
    public Filter {
      eventTypes = eventTypes == null ? List.of() : eventTypes;
    }

    /** Whether a list must read the attempts' messages to apply it. */
    boolean needsMessages() {
      return !eventTypes.isEmpty() || channel != null || tag != null;
    }
  }

  public ListPage.Page<Attempt> byMessage(
      String appRef, String messageRef, ListPage page, Filter f) {
    Message message = messages.find(appRef, messageRef);
    String endpointId =
        f.endpointId() == null ? null : endpoints.find(appRef, f.endpointId()).getId();
    return list("a.messageId = :owner", message.getId(), endpointId, page, f, false);
  }

  /**
   * @param withMessages each attempt with its message (Svix's {@code with_msg})
   */
  public ListPage.Page<Attempt> byEndpoint(
      String appRef, String endpointRef, ListPage page, Filter f, boolean withMessages) {
    Endpoint endpoint = endpoints.find(appRef, endpointRef);
    return list("a.endpointId = :owner", endpoint.getId(), null, page, f, withMessages);
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
    return new Attempt(row, endpoint == null ? null : endpoint.getUrl(), null);
  }

  /** The endpoints the message was to go to, by endpoint id, each with its delivery's state. */
  public ListPage.Page<Destination> destinations(String appRef, String messageRef, ListPage page) {
    Message message = messages.find(appRef, messageRef);
    String bound = page.condition("e.id");
    TypedQuery<Object[]> query =
        em.createQuery(
            "select d, e from Delivery d, Endpoint e where e.id = d.endpointId"
                + " and d.messageId = :messageId"
                + (bound == null ? "" : " and " + bound)
                + page.orderBy("e.id"),
            Object[].class);
    query.setParameter("messageId", message.getId());
    if (bound != null) {
      query.setParameter(ListPage.BOUND, page.bound());
    }
    List<Destination> rows =
        query.setMaxResults(page.fetchSize()).getResultList().stream()
            .map(row -> new Destination((Delivery) row[0], (Endpoint) row[1]))
            .toList();
    return page.page(rows, destination -> destination.endpoint().getId());
  }

  private ListPage.Page<Attempt> list(
      String owner,
      String ownerId,
      String endpointId,
      ListPage page,
      Filter f,
      boolean withMessages) {
    if (f.status() != null && f.status() != 0 && f.status() != 2) {
      return page.page(List.of(), attempt -> attempt.row().getId().toString());
    }
    boolean joinMessages = withMessages || f.needsMessages();
    StringBuilder jpql = new StringBuilder("select a, e.url");
    jpql.append(
        joinMessages
            ? ", m from DeliveryAttempt a, Endpoint e, Message m"
            : " from DeliveryAttempt a, Endpoint e");
    jpql.append(" where e.id = a.endpointId and ").append(owner);
    if (joinMessages) {
      jpql.append(" and m.id = a.messageId");
    }
    if (!f.eventTypes().isEmpty()) {
      jpql.append(" and m.eventType in :eventTypes");
    }
    if (f.channel() != null) {
      jpql.append(" and m.channels like :channel escape '!'");
    }
    if (f.tag() != null) {
      jpql.append(" and m.tags like :tag escape '!'");
    }
    if (endpointId != null) {
      jpql.append(" and a.endpointId = :endpointId");
    }
    if (f.status() != null) {
      jpql.append(" and a.status = :status");
    }
    if (f.statusCodeClass() != null) {
      jpql.append(
          f.statusCodeClass() == 0
              ? " and (a.responseStatus is null or a.responseStatus < 100)"
              : " and a.responseStatus >= :lowestCode and a.responseStatus <= :highestCode");
    }
    if (f.before() != null) {
      jpql.append(" and a.createdAt < :before");
    }
    if (f.after() != null) {
      jpql.append(" and a.createdAt > :after");
    }
    String bound = page.condition("a.id");
    if (bound != null) {
      jpql.append(" and ").append(bound);
    }
    jpql.append(page.orderBy("a.id"));
    TypedQuery<Object[]> query = em.createQuery(jpql.toString(), Object[].class);
    query.setParameter("owner", ownerId);
    if (!f.eventTypes().isEmpty()) {
      query.setParameter("eventTypes", f.eventTypes());
    }
    if (f.channel() != null) {
      query.setParameter("channel", NameSets.containing(f.channel()));
    }
    if (f.tag() != null) {
      query.setParameter("tag", NameSets.containing(f.tag()));
    }
    if (endpointId != null) {
      query.setParameter("endpointId", endpointId);
    }
    if (f.status() != null) {
      query.setParameter(
          "status",
          f.status() == 0 ? DeliveryAttempt.Outcome.SUCCEEDED : DeliveryAttempt.Outcome.FAILED);
    }
    if (f.statusCodeClass() != null && f.statusCodeClass() != 0) {
      query.setParameter("lowestCode", f.statusCodeClass());
      query.setParameter("highestCode", f.statusCodeClass() + 99);
    }
    if (f.before() != null) {
      query.setParameter("before", f.before());
    }
    if (f.after() != null) {
      query.setParameter("after", f.after());
    }
    if (bound != null) {
      Long key = number(ID_PREFIX + page.bound());
      if (key == null) {
        throw Refusal.invalidQuery("iterator", "is not an iterator this list gave out");
      }
      query.setParameter(ListPage.BOUND, key);
    }
    List<Attempt> rows =
        query.setMaxResults(page.fetchSize()).getResultList().stream()
            .map(
                row ->
                    new Attempt(
                        (DeliveryAttempt) row[0],
                        (String) row[1],
                        withMessages ? (Message) row[2] : null))
            .toList();
    return page.page(rows, attempt -> attempt.row().getId().toString());
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
