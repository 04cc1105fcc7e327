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
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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

    MessageMatch match() {
      return new MessageMatch(eventTypes, channel, tag);
    }

    /**
     * Whether it keeps only some of a list's attempts (the endpoint id aside, which an index on the
     * message's attempts serves): then a list of an endpoint's attempts bounds its read.
     */
    boolean selective() {
      return status != null
          || statusCodeClass != null
          || match().any()
          || before != null
          || after != null;
    }
  }

  /**
   * The most of an endpoint's attempts one page of a filtered list reads. A filter that matches few
   * of them (a rare tag, a status code class nobody answers) would otherwise read the endpoint's
   * whole history for one page; with this bound a page may hold fewer attempts than its limit, even
   * none, and still not be done: its iterator goes on from where the read stopped (see {@link
   * ListPage#page(List, java.util.function.Function, String)}). A message's attempts are few, so
   * its list is not bounded.
   */
  static final int FILTERED_READ = 10_000;

  public ListPage.Page<Attempt> byMessage(
      String appRef, String messageRef, ListPage page, Filter f) {
    Message message = messages.find(appRef, messageRef);
    String endpointId =
        f.endpointId() == null ? null : endpoints.find(appRef, f.endpointId()).getId();
    return list("a.messageId = :owner", message.getId(), endpointId, page, f, false, false);
  }

  /**
   * @param withMessages each attempt with its message (Svix's {@code with_msg})
   */
  public ListPage.Page<Attempt> byEndpoint(
      String appRef, String endpointRef, ListPage page, Filter f, boolean withMessages) {
    Endpoint endpoint = endpoints.find(appRef, endpointRef);
    return list("a.endpointId = :owner", endpoint.getId(), null, page, f, withMessages, true);
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

  /**
   * A page of the owner's attempts the filter keeps, with each one's message when {@code
   * withMessages} (the message table is joined whenever the filter asks about the message, but its
   * rows, payload and all, are read only then). {@code bounded}: a selective filter reads at most
   * {@link #FILTERED_READ} of the owner's attempts a page.
   */
  private ListPage.Page<Attempt> list(
      String owner,
      String ownerId,
      String endpointId,
      ListPage page,
      Filter f,
      boolean withMessages,
      boolean bounded) {
    if (f.status() != null && f.status() != 0 && f.status() != 2) {
      return page.page(List.of(), attempt -> attempt.row().getId().toString());
    }
    MessageMatch match = f.match();
    Long bound = bound(page);
    Long readTo = bounded && f.selective() ? readTo(owner, ownerId, page, bound) : null;
    String jpql = jpql(owner, f, page, withMessages, endpointId != null, readTo != null);
    TypedQuery<Object[]> query = em.createQuery(jpql, Object[].class);
    query.setParameter("owner", ownerId);
    match.bind(query::setParameter);
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
      query.setParameter(ListPage.BOUND, bound);
    }
    if (readTo != null) {
      query.setParameter("readTo", readTo);
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
    return page.page(
        rows,
        attempt -> attempt.row().getId().toString(),
        readTo == null ? null : readTo.toString());
  }

  /**
   * The list's JPQL: each attempt with its endpoint's URL, and its message only when {@code
   * withMessages}. The message is joined whenever the filter asks about it, but selected (payload
   * and all) only then.
   */
  static String jpql(
      String owner,
      Filter f,
      ListPage page,
      boolean withMessages,
      boolean endpointFilter,
      boolean readTo) {
    MessageMatch match = f.match();
    StringBuilder jpql = new StringBuilder("select a, e.url");
    if (withMessages) {
      jpql.append(", m");
    }
    jpql.append(" from DeliveryAttempt a, Endpoint e");
    if (withMessages || match.any()) {
      jpql.append(", Message m");
    }
    jpql.append(" where e.id = a.endpointId and ").append(owner);
    if (withMessages || match.any()) {
      jpql.append(" and m.id = a.messageId").append(match.jpql("m"));
    }
    if (endpointFilter) {
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
    if (page.bound() != null) {
      jpql.append(" and ").append(page.condition("a.id"));
    }
    if (readTo) {
      jpql.append(" and ").append(page.readingTo("a.id", "readTo"));
    }
    return jpql.append(page.orderBy("a.id")).toString();
  }

  /** The attempt number the page starts after (or ends before), or null for the first page. */
  private static Long bound(ListPage page) {
    if (page.bound() == null) {
      return null;
    }
    Long key = number(ID_PREFIX + page.bound());
    if (key == null) {
      throw Refusal.invalidQuery("iterator", "is not an iterator this list gave out");
    }
    return key;
  }

  /**
   * The {@link #FILTERED_READ}-th of the owner's attempts from where the page starts, in the order
   * it reads them (an index-only walk of the owner's (endpoint_id, id) index), or null when fewer
   * are left: the page reads no further than it.
   */
  private Long readTo(String owner, String ownerId, ListPage page, Long bound) {
    TypedQuery<Long> query =
        em.createQuery(
            "select a.id from DeliveryAttempt a where "
                + owner
                + (bound == null ? "" : " and " + page.condition("a.id"))
                + page.orderBy("a.id"),
            Long.class);
    query.setParameter("owner", ownerId);
    if (bound != null) {
      query.setParameter(ListPage.BOUND, bound);
    }
    List<Long> nth = query.setFirstResult(FILTERED_READ - 1).setMaxResults(1).getResultList();
    return nth.isEmpty() ? null : nth.get(0);
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
