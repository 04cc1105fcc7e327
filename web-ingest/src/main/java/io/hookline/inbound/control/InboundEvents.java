package io.hookline.inbound.control;

import io.hookline.inbound.entity.InboundEvent;
import io.hookline.inbound.entity.IngestAudit;
import io.hookline.inbound.transform.Transform;
import io.hookline.message.entity.Message;
import io.hookline.platform.Refusal;
import io.hookline.source.control.Sources;
import io.hookline.source.entity.Source;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reading what came in: a source's events and the audit trail, newest first, by cursor. */
@ApplicationScoped
@Transactional
public class InboundEvents {
  @PersistenceContext EntityManager em;
  @Inject Sources sources;
  @Inject Ingest ingest;

  /** Filters; null means any. */
  public record Filter(String type, OffsetDateTime since, OffsetDateTime until, String before) {}

  public List<InboundEvent> list(String sourceId, Filter filter, int limit) {
    sources.find(sourceId);
    Map<String, Object> where = new LinkedHashMap<>();
    where.put("e.sourceId = :sourceId", sourceId);
    where.put("e.eventType = :type", filter.type());
    where.put("e.receivedAt >= :since", filter.since());
    where.put("e.receivedAt < :until", filter.until());
    where.put("e.id < :before", filter.before());
    return query(InboundEvent.class, "select e from InboundEvent e", "e.id", where, limit);
  }

  public InboundEvent find(String sourceId, String eventId) {
    InboundEvent event = em.find(InboundEvent.class, eventId);
    if (event == null || !event.getSourceId().equals(sourceId)) {
      sources.find(sourceId);
      throw Refusal.notFound("event", eventId);
    }
    return event;
  }

  public Message replay(String sourceId, String eventId) {
    Source source = sources.find(sourceId);
    find(sourceId, eventId);
    if (source.getMode() != Source.Mode.FORWARD) {
      throw Refusal.conflict(
          "mode", "source " + sourceId + " only stores events; set its mode to forward to replay");
    }
    try {
      return ingest.replay(source, eventId);
    } catch (Transform.Failure failure) {
      throw new Refusal(
          Refusal.Kind.INVALID,
          "transform-failed",
          "Transform failed",
          failure.getMessage(),
          "transform");
    }
  }

  public List<IngestAudit> audit(
      String sourceId, String action, OffsetDateTime since, Long before, int limit) {
    Map<String, Object> where = new LinkedHashMap<>();
    where.put("a.sourceId = :sourceId", sourceId);
    where.put("a.action = :action", action);
    where.put("a.createdAt >= :since", since);
    where.put("a.id < :before", before);
    return query(IngestAudit.class, "select a from IngestAudit a", "a.id", where, limit);
  }

  /** The conditions whose value is set, joined with and; newest first. */
  private <T> List<T> query(
      Class<T> type, String select, String order, Map<String, Object> where, int limit) {
    List<String> conditions = new ArrayList<>();
    where.forEach(
        (condition, value) -> {
          if (value != null) {
            conditions.add(condition);
          }
        });
    String jpql =
        select
            + (conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions))
            + " order by "
            + order
            + " desc";
    TypedQuery<T> query = em.createQuery(jpql, type).setMaxResults(limit);
    where.forEach(
        (condition, value) -> {
          if (value != null) {
            query.setParameter(condition.substring(condition.indexOf(':') + 1), value);
          }
        });
    return query.getResultList();
  }
}
