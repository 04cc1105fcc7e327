package io.hookline.portal.control;

import io.hookline.app.control.Apps;
import io.hookline.delivery.entity.DeliveryStatus;
import io.hookline.endpoint.control.Endpoints;
import io.hookline.platform.Ids;
import io.hookline.platform.Refusal;
import io.hookline.platform.Timestamps;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the portal page reads that Svix's calls do not give: the app's messages filtered by their
 * deliveries' status (and endpoint), with where each one went, and endpoints' tries hour by hour.
 *
 * <p>No read walks an app's whole history. The log takes one of three ways ({@link LogPlan}):
 * without a delivery filter, the app's messages newest first by the (app_id[, event_type], id)
 * indexes; with an endpoint or a status (and no event type), each (endpoint, status) pair's
 * deliveries newest message first by the (endpoint_id, status, message_id) index, at most a page
 * from each of at most {@link LogPlan#MAX_PAIRS} pairs; otherwise at most {@link LogPlan#SCAN}
 * messages are looked at per request, and a page cut short by that says so and gives the iterator
 * to go on from. Time bounds are id bounds (ids begin with their creation time) with createdAt
 * checked again, as Svix's message list does.
 */
@ApplicationScoped
@Transactional
public class PortalReads {
  /** Destinations shown per message of the log; the rest are counted. */
  public static final int SHOWN_DESTINATIONS = 10;

  /** How far the rest are counted: past it, "at least". */
  static final int COUNTED_DESTINATIONS = 100;

  /** The most endpoints one hourly call reads. */
  public static final int MAX_HOURLY_ENDPOINTS = 50;

  private static final String STATUSES =
      Arrays.stream(DeliveryStatus.values()).map(Enum::name).collect(Collectors.joining(","));

  /** The log's filters; null members filter nothing. */
  public record LogFilter(
      String eventType,
      DeliveryStatus status,
      String endpointRef,
      OffsetDateTime after,
      OffsetDateTime before) {}

  /**
   * One message of the log with where it went: at most {@link #SHOWN_DESTINATIONS} deliveries (the
   * filtered endpoint's first), and how many more there are (counted up to {@link
   * #COUNTED_DESTINATIONS}; {@code moreAtLeast} when there may be more still).
   */
  public record LogLine(
      String id,
      String eventType,
      String eventId,
      OffsetDateTime createdAt,
      List<Destination> destinations,
      int more,
      boolean moreAtLeast) {}

  public record Destination(String endpointId, DeliveryStatus status, int attempts) {}

  /**
   * Newest first; {@code next} is the id to continue below, null at the end. {@code cutShort}: the
   * page holds fewer than asked because this request looked at as many messages as one may; the
   * rest of the log is below {@code next}.
   */
  public record LogPage(List<LogLine> lines, String next, boolean cutShort) {}

  /** One hour of an endpoint's tries. */
  public record Hour(OffsetDateTime start, long attempts, long succeeded, long avgLatencyMs) {}

  @PersistenceContext EntityManager em;
  @Inject Apps apps;
  @Inject Endpoints endpoints;

  public LogPage log(String appRef, LogFilter filter, String below, int limit) {
    String appId = apps.find(appRef).getId();
    String endpointId =
        filter.endpointRef() == null ? null : endpoints.find(appRef, filter.endpointRef()).getId();
    LogPlan.Way way =
        LogPlan.way(
            filter.eventType() != null,
            filter.status() != null,
            endpointId != null,
            endpointId == null && filter.status() != null ? endpointCount(appId) : 0);
    List<Object[]> rows;
    boolean cutShort = false;
    String next = null;
    switch (way) {
      case MESSAGES, DELIVERIES -> {
        rows =
            way == LogPlan.Way.MESSAGES
                ? messages(appId, filter, below, limit + 1)
                : deliveries(appId, endpointId, filter, below, limit + 1);
        if (rows.size() > limit) {
          rows = rows.subList(0, limit);
          next = (String) rows.get(limit - 1)[0];
        }
      }
      default -> {
        rows = scan(appId, endpointId, filter, below, limit + 1);
        if (rows.size() > limit) {
          rows = rows.subList(0, limit);
          next = (String) rows.get(limit - 1)[0];
        } else {
          // Fewer than a page: the log ends here, or this request's look stopped at its budget.
          Object[] looked = scanned(appId, filter, below);
          if (((Number) looked[0]).intValue() >= LogPlan.SCAN) {
            cutShort = true;
            next = (String) looked[1];
          }
        }
      }
    }
    Map<String, List<Object[]>> destinations = destinations(rows, endpointId);
    List<LogLine> lines = new ArrayList<>();
    for (Object[] row : rows) {
      String id = (String) row[0];
      lines.add(line(id, row, destinations.getOrDefault(id, List.of())));
    }
    return new LogPage(lines, next, cutShort);
  }

  /** Positional parameters of a native query, numbered as they are added. */
  private static final class Params {
    final List<Object> values = new ArrayList<>();

    String add(Object value) {
      values.add(value);
      return "?" + values.size();
    }

    Query bind(Query query) {
      for (int i = 0; i < values.size(); i++) {
        query.setParameter(i + 1, values.get(i));
      }
      return query;
    }
  }

  /** The conditions on the app's messages {@code m} that every way shares. */
  private static String messageBounds(
      String m, LogFilter filter, String below, Params params, boolean eventType) {
    StringBuilder sql = new StringBuilder();
    if (eventType && filter.eventType() != null) {
      sql.append(" and ").append(m).append(".event_type = ").append(params.add(filter.eventType()));
    }
    sql.append(timeBounds(m + ".id", m, filter, params));
    if (below != null) {
      sql.append(" and ").append(m).append(".id < ").append(params.add(below));
    }
    return sql.toString();
  }

  /**
   * The time filter as an id range on {@code idColumn}, with createdAt of {@code m} checked too.
   */
  private static String timeBounds(String idColumn, String m, LogFilter filter, Params params) {
    StringBuilder sql = new StringBuilder();
    if (filter.after() != null) {
      sql.append(" and ")
          .append(idColumn)
          .append(" >= ")
          .append(params.add(Ids.lowestIdAfter("msg", filter.after())))
          .append(" and ")
          .append(m)
          .append(".created_at > ")
          .append(params.add(Timestamp.from(filter.after().toInstant())));
    }
    if (filter.before() != null) {
      sql.append(" and ")
          .append(idColumn)
          .append(" < ")
          .append(params.add(Ids.idBoundBefore("msg", filter.before())))
          .append(" and ")
          .append(m)
          .append(".created_at < ")
          .append(params.add(Timestamp.from(filter.before().toInstant())));
    }
    return sql.toString();
  }

  private static final String COLUMNS = "m.id, m.event_type, m.event_id, m.created_at";

  /** The app's messages, newest first: no delivery filter. */
  @SuppressWarnings("unchecked")
  private List<Object[]> messages(String appId, LogFilter filter, String below, int fetch) {
    Params params = new Params();
    String sql =
        "select "
            + COLUMNS
            + " from message m where m.app_id = "
            + params.add(appId)
            + messageBounds("m", filter, below, params, true)
            + " order by m.id desc limit "
            + fetch;
    return params.bind(em.createNativeQuery(sql)).getResultList();
  }

  /**
   * The messages of the newest deliveries of each (endpoint, status) pair: one endpoint or all the
   * app's, one status or all; at most {@code fetch} from each pair, read from the (endpoint_id,
   * status, message_id) index.
   */
  @SuppressWarnings("unchecked")
  private List<Object[]> deliveries(
      String appId, String endpointId, LogFilter filter, String below, int fetch) {
    Params params = new Params();
    String statuses = params.add(filter.status() == null ? STATUSES : filter.status().name());
    StringBuilder pairs =
        new StringBuilder(
            "select e.id as endpoint_id, s.status from endpoint e cross join unnest(string_to_array("
                + statuses
                + ", ',')) as s(status) where e.app_id = "
                + params.add(appId));
    if (endpointId != null) {
      pairs.append(" and e.id = ").append(params.add(endpointId));
    }
    boolean timed = filter.after() != null || filter.before() != null;
    StringBuilder newest =
        new StringBuilder("select d.message_id from delivery d")
            .append(timed ? " join message t on t.id = d.message_id" : "")
            .append(" where d.endpoint_id = p.endpoint_id and d.status = p.status")
            .append(timeBounds("d.message_id", "t", filter, params));
    if (below != null) {
      newest.append(" and d.message_id < ").append(params.add(below));
    }
    newest.append(" order by d.message_id desc limit ").append(fetch);
    String sql =
        "select "
            + COLUMNS
            + " from message m where m.id in (select x.message_id from ("
            + pairs
            + ") p cross join lateral ("
            + newest
            + ") x) order by m.id desc limit "
            + fetch;
    return params.bind(em.createNativeQuery(sql)).getResultList();
  }

  /** The newest {@link LogPlan#SCAN} of the app's messages the filters leave, as a subquery. */
  private static String window(String appId, LogFilter filter, String below, Params params) {
    return "select "
        + COLUMNS
        + " from message m where m.app_id = "
        + params.add(appId)
        + messageBounds("m", filter, below, params, true)
        + " order by m.id desc limit "
        + LogPlan.SCAN;
  }

  /**
   * Those of the newest {@link LogPlan#SCAN} messages with a delivery in that status (to that
   * endpoint). Each is looked up by the (message_id, endpoint_id) key: {@code offset 0} keeps the
   * planner from turning the test into a join over every such delivery of every app.
   */
  @SuppressWarnings("unchecked")
  private List<Object[]> scan(
      String appId, String endpointId, LogFilter filter, String below, int fetch) {
    Params params = new Params();
    StringBuilder sql =
        new StringBuilder("select m.id, m.event_type, m.event_id, m.created_at from (")
            .append(window(appId, filter, below, params))
            .append(") m where exists (select 1 from delivery d where d.message_id = m.id");
    if (filter.status() != null) {
      sql.append(" and d.status = ").append(params.add(filter.status().name()));
    }
    if (endpointId != null) {
      sql.append(" and d.endpoint_id = ").append(params.add(endpointId));
    }
    sql.append(" offset 0) order by m.id desc limit ").append(fetch);
    return params.bind(em.createNativeQuery(sql.toString())).getResultList();
  }

  /** How many messages {@link #scan} looked at, and the lowest id among them. */
  private Object[] scanned(String appId, LogFilter filter, String below) {
    Params params = new Params();
    return (Object[])
        params
            .bind(
                em.createNativeQuery(
                    "select count(*), min(w.id) from ("
                        + window(appId, filter, below, params)
                        + ") w"))
            .getSingleResult();
  }

  private long endpointCount(String appId) {
    return ((Number)
            em.createNativeQuery("select count(*) from endpoint where app_id = ?1")
                .setParameter(1, appId)
                .getSingleResult())
        .longValue();
  }

  /**
   * Per message: its first {@link #SHOWN_DESTINATIONS} deliveries by endpoint id, each row with the
   * message's delivery count (counted up to {@link #COUNTED_DESTINATIONS} + 1); and the filtered
   * endpoint's delivery, wherever it falls.
   */
  @SuppressWarnings("unchecked")
  private Map<String, List<Object[]>> destinations(List<Object[]> messages, String endpointId) {
    Map<String, List<Object[]>> byMessage = new LinkedHashMap<>();
    if (messages.isEmpty()) {
      return byMessage;
    }
    String ids = messages.stream().map(row -> (String) row[0]).collect(Collectors.joining(","));
    List<Object[]> rows =
        em.createNativeQuery(
                "select x.message_id, x.endpoint_id, x.status, x.attempt_count, n.total"
                    + " from unnest(string_to_array(?1, ',')) as m(id)"
                    + " cross join lateral (select count(*) as total from (select 1 from delivery c"
                    + " where c.message_id = m.id limit "
                    + (COUNTED_DESTINATIONS + 1)
                    + ") c) n cross join lateral"
                    + " (select d.message_id, d.endpoint_id, d.status, d.attempt_count"
                    + " from delivery d where d.message_id = m.id order by d.endpoint_id limit "
                    + SHOWN_DESTINATIONS
                    + ") x")
            .setParameter(1, ids)
            .getResultList();
    if (endpointId != null) {
      List<Object[]> filtered =
          em.createNativeQuery(
                  "select d.message_id, d.endpoint_id, d.status, d.attempt_count, null from"
                      + " delivery d where d.endpoint_id = ?1 and d.message_id = any"
                      + " (string_to_array(?2, ','))")
              .setParameter(1, endpointId)
              .setParameter(2, ids)
              .getResultList();
      // First, so that the endpoint the log is filtered by is always among those shown.
      filtered.addAll(rows);
      rows = filtered;
    }
    for (Object[] row : rows) {
      byMessage.computeIfAbsent((String) row[0], id -> new ArrayList<>()).add(row);
    }
    return byMessage;
  }

  private static LogLine line(String id, Object[] message, List<Object[]> rows) {
    List<Destination> shown = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    long total = 0;
    for (Object[] row : rows) {
      if (row[4] != null) {
        total = ((Number) row[4]).longValue();
      }
      String endpoint = (String) row[1];
      if (shown.size() < SHOWN_DESTINATIONS && seen.add(endpoint)) {
        shown.add(
            new Destination(
                endpoint, DeliveryStatus.valueOf((String) row[2]), ((Number) row[3]).intValue()));
      }
    }
    // The count is at least what was seen (the filtered endpoint's row carries none of its own).
    total = Math.max(total, seen.size());
    boolean atLeast = total > COUNTED_DESTINATIONS;
    int more = (int) Math.max(0, Math.min(total, COUNTED_DESTINATIONS) - shown.size());
    return new LogLine(
        id,
        (String) message[1],
        (String) message[2],
        Timestamps.fromDatabase(message[3]),
        shown,
        more,
        atLeast);
  }

  /**
   * Each endpoint's tries in each of the last {@code hours} hours, oldest first, empty ones too, in
   * one read of the (endpoint_id, created_at) index; 404 when one is not the app's.
   *
   * @param endpointIds endpoint ids (not uids), at most {@link #MAX_HOURLY_ENDPOINTS}
   */
  @SuppressWarnings("unchecked")
  public Map<String, List<Hour>> hourly(String appRef, List<String> endpointIds, int hours) {
    String appId = apps.find(appRef).getId();
    String ids = String.join(",", endpointIds);
    Set<String> known =
        new HashSet<>(
            em.createNativeQuery(
                    "select id from endpoint where app_id = ?1 and deleted_at is null"
                        + " and id = any (string_to_array(?2, ','))")
                .setParameter(1, appId)
                .setParameter(2, ids)
                .getResultList());
    for (String id : endpointIds) {
      if (!known.contains(id)) {
        throw Refusal.notFound("endpoint", id);
      }
    }
    OffsetDateTime end = Timestamps.now().truncatedTo(ChronoUnit.HOURS).plusHours(1);
    OffsetDateTime start = end.minusHours(hours);
    List<Object[]> rows =
        em.createNativeQuery(
                "select endpoint_id, floor(extract(epoch from created_at) / 3600)::bigint,"
                    + " count(*), count(*) filter (where status = 'SUCCEEDED'),"
                    + " coalesce(round(avg(duration_ms)), 0)::bigint"
                    + " from delivery_attempt where endpoint_id = any (string_to_array(?1, ','))"
                    + " and created_at >= ?2 group by 1, 2")
            .setParameter(1, ids)
            .setParameter(2, Timestamp.from(start.toInstant()))
            .getResultList();
    Map<String, Object[]> byHour = new LinkedHashMap<>();
    for (Object[] row : rows) {
      byHour.put(row[0] + "@" + ((Number) row[1]).longValue(), row);
    }
    Map<String, List<Hour>> result = new LinkedHashMap<>();
    for (String id : endpointIds) {
      List<Hour> series = new ArrayList<>();
      for (OffsetDateTime at = start; at.isBefore(end); at = at.plusHours(1)) {
        Object[] row = byHour.get(id + "@" + at.toEpochSecond() / 3600);
        series.add(
            row == null
                ? new Hour(at, 0, 0, 0)
                : new Hour(
                    at,
                    ((Number) row[2]).longValue(),
                    ((Number) row[3]).longValue(),
                    ((Number) row[4]).longValue()));
      }
      result.put(id, series);
    }
    return result;
  }
}
