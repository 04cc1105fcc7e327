package io.hookline.inbound.control;

import io.hookline.inbound.entity.InboundEvent;
import io.hookline.inbound.entity.IngestAudit;
import io.hookline.inbound.transform.Transform;
import io.hookline.message.entity.Message;
import io.hookline.platform.KeysetQuery;
import io.hookline.platform.ListPage;
import io.hookline.platform.Refusal;
import io.hookline.source.control.Sources;
import io.hookline.source.entity.Source;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;

/** Reading what came in: a source's events and the audit trail, a page at a time. */
@ApplicationScoped
@Transactional
public class InboundEvents {
  @PersistenceContext EntityManager em;
  @Inject Sources sources;
  @Inject Ingest ingest;

  /** Filters; null means any. */
  public record Filter(String type, OffsetDateTime since, OffsetDateTime until) {}

  /** One page of the source's events that the filter keeps, by event id. */
  public ListPage.Page<InboundEvent> list(String sourceId, Filter filter, ListPage page) {
    sources.find(sourceId);
    return KeysetQuery.of(em, InboundEvent.class, "select e from InboundEvent e")
        .where("e.sourceId = :sourceId", "sourceId", sourceId)
        .whereGiven("e.eventType = :type", "type", filter.type())
        .whereGiven("e.receivedAt >= :since", "since", filter.since())
        .whereGiven("e.receivedAt < :until", "until", filter.until())
        .page(page, "e.id", InboundEvent::getId);
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

  /** One page of the audit trail (any of whose filters may be null), by row number. */
  public ListPage.Page<IngestAudit> audit(
      String sourceId, String action, OffsetDateTime since, ListPage page) {
    return KeysetQuery.of(em, IngestAudit.class, "select a from IngestAudit a")
        .whereGiven("a.sourceId = :sourceId", "sourceId", sourceId)
        .whereGiven("a.action = :action", "action", action)
        .whereGiven("a.createdAt >= :since", "since", since)
        .page(page, "a.id", KeysetQuery.NUMBER, row -> row, row -> String.valueOf(row.getId()));
  }
}
