package io.hookline.portal.control;

import io.hookline.app.control.Apps;
import io.hookline.endpoint.control.Endpoints;
import io.hookline.endpoint.entity.Endpoint;
import io.hookline.platform.Ids;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the portal page reads that Svix's calls do not give: the app's messages filtered by their
 * deliveries' status (and endpoint), with each one's destinations, and an endpoint's tries hour by
 * hour.
 */
@ApplicationScoped
@Transactional
public class PortalReads {
  /** A delivery's state as the log filters it. */
  public enum Status {
    DELIVERED,
    PENDING,
    DEAD
  }

  /** The log's filters; null members filter nothing. */
  public record LogFilter(
      String eventType, Status status, String endpointRef, Instant after, Instant before) {}

  /** One message of the log with where it went: endpoint id to its delivery's state. */
  public record LogLine(
      String id,
      String eventType,
      String eventId,
      OffsetDateTime createdAt,
      Map<String, Destination> destinations) {}

  public record Destination(String endpointId, String status, int attempts) {}

  /** Newest first; {@code next} is the id to continue below, null at the end. */
  public record LogPage(List<LogLine> lines, String next) {}

  /** One hour of an endpoint's tries. */
  public record Hour(OffsetDateTime start, long attempts, long succeeded, long avgLatencyMs) {}

  @PersistenceContext EntityManager em;
  @Inject Apps apps;
  @Inject Endpoints endpoints;

  public LogPage log(String appRef, LogFilter filter, String below, int limit) {
    String appId = apps.find(appRef).getId();
    String endpointId =
        filter.endpointRef() == null ? null : endpoints.find(appRef, filter.endpointRef()).getId();
    StringBuilder sql =
        new StringBuilder(
            "select m.id, m.event_type, m.event_id, m.created_at from message m where m.app_id = ?1");
    List<Object> params = new ArrayList<>(List.of(appId));
    if (filter.eventType() != null) {
      params.add(filter.eventType());
      sql.append(" and m.event_type = ?").append(params.size());
    }
    // Message ids begin with their creation time: time bounds are id bounds, served by the index.
    if (filter.after() != null) {
      params.add(Ids.timeBound("msg", filter.after().toEpochMilli()));
      sql.append(" and m.id >= ?").append(params.size());
    }
    if (filter.before() != null) {
      params.add(Ids.timeBound("msg", filter.before().toEpochMilli()));
      sql.append(" and m.id < ?").append(params.size());
    }
    if (below != null) {
      params.add(below);
      sql.append(" and m.id < ?").append(params.size());
    }
    if (filter.status() != null || endpointId != null) {
      sql.append(" and exists (select 1 from delivery d where d.message_id = m.id");
      if (filter.status() != null) {
        params.add(filter.status().name());
        sql.append(" and d.status = ?").append(params.size());
      }
      if (endpointId != null) {
        params.add(endpointId);
        sql.append(" and d.endpoint_id = ?").append(params.size());
      }
      sql.append(")");
    }
    sql.append(" order by m.id desc limit ").append(limit + 1);
    Query query = em.createNativeQuery(sql.toString());
    for (int i = 0; i < params.size(); i++) {
      query.setParameter(i + 1, params.get(i));
    }
    @SuppressWarnings("unchecked")
    List<Object[]> rows = query.getResultList();
    boolean more = rows.size() > limit;
    List<Object[]> shown = more ? rows.subList(0, limit) : rows;
    Map<String, Map<String, Destination>> destinations = destinations(shown);
    List<LogLine> lines = new ArrayList<>();
    for (Object[] row : shown) {
      String id = (String) row[0];
      lines.add(
          new LogLine(
              id,
              (String) row[1],
              (String) row[2],
              time(row[3]),
              destinations.getOrDefault(id, Map.of())));
    }
    return new LogPage(lines, more ? lines.get(lines.size() - 1).id() : null);
  }

  private Map<String, Map<String, Destination>> destinations(List<Object[]> messages) {
    Map<String, Map<String, Destination>> byMessage = new LinkedHashMap<>();
    if (messages.isEmpty()) {
      return byMessage;
    }
    List<String> ids = messages.stream().map(row -> (String) row[0]).toList();
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "select message_id, endpoint_id, status, attempt_count from delivery"
                    + " where message_id = any (string_to_array(?1, ',')) order by endpoint_id")
            .setParameter(1, String.join(",", ids))
            .getResultList();
    for (Object[] row : rows) {
      byMessage
          .computeIfAbsent((String) row[0], id -> new LinkedHashMap<>())
          .put(
              (String) row[1],
              new Destination((String) row[1], (String) row[2], ((Number) row[3]).intValue()));
    }
    return byMessage;
  }

  /** The endpoint's tries in each of the last {@code hours} hours, oldest first, empty ones too. */
  public List<Hour> hourly(String appRef, String endpointRef, int hours) {
    Endpoint endpoint = endpoints.find(appRef, endpointRef);
    OffsetDateTime end =
        OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.HOURS).plusHours(1);
    OffsetDateTime start = end.minusHours(hours);
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "select floor(extract(epoch from created_at) / 3600)::bigint,"
                    + " count(*), count(*) filter (where status = 'SUCCEEDED'),"
                    + " coalesce(round(avg(duration_ms)), 0)::bigint"
                    + " from delivery_attempt where endpoint_id = ?1 and created_at >= ?2"
                    + " group by 1")
            .setParameter(1, endpoint.getId())
            .setParameter(2, Timestamp.from(start.toInstant()))
            .getResultList();
    Map<Long, Object[]> byHour = new LinkedHashMap<>();
    for (Object[] row : rows) {
      byHour.put(((Number) row[0]).longValue(), row);
    }
    List<Hour> result = new ArrayList<>();
    for (OffsetDateTime at = start; at.isBefore(end); at = at.plusHours(1)) {
      Object[] row = byHour.get(at.toEpochSecond() / 3600);
      result.add(
          row == null
              ? new Hour(at, 0, 0, 0)
              : new Hour(
                  at,
                  ((Number) row[1]).longValue(),
                  ((Number) row[2]).longValue(),
                  ((Number) row[3]).longValue()));
    }
    return result;
  }

  private static OffsetDateTime time(Object value) {
    if (value instanceof OffsetDateTime offset) {
      return offset;
    }
    if (value instanceof Timestamp timestamp) {
      return timestamp.toInstant().atOffset(ZoneOffset.UTC);
    }
    if (value instanceof Instant instant) {
      return instant.atOffset(ZoneOffset.UTC);
    }
    throw new IllegalStateException("unexpected time " + value);
  }
}
