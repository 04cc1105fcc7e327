package io.hookline.inbound.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

@Entity
@Table(name = "ingest_audit")
public class IngestAudit {
  /** What became of an ingest request; stored in lower case. */
  public enum Action {
    ACCEPTED,
    DUPLICATE,
    /** A body the source received within the replay window, under a new delivery id. */
    REPLAY,
    CONFLICT,
    BAD_SIGNATURE,
    STALE,
    MALFORMED,
    TOO_LARGE,
    TRANSFORM_FAILED,
    CHALLENGE
  }

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "source_id", nullable = false)
  private String sourceId;

  @Column(nullable = false)
  private String action;

  @Column(name = "provider_id")
  private String providerId;

  @Column(name = "event_id")
  private String eventId;

  @Column(name = "remote_address")
  private String remoteAddress;

  private String reason;

  @Column(name = "raw_body")
  private byte[] rawBody;

  @Column(name = "created_at", nullable = false)
  private OffsetDateTime createdAt;

  protected IngestAudit() {}

  public IngestAudit(
      String sourceId,
      Action action,
      String providerId,
      String eventId,
      String remoteAddress,
      String reason,
      OffsetDateTime createdAt) {
    this.sourceId = sourceId;
    this.action = action.name().toLowerCase(java.util.Locale.ROOT);
    this.providerId = providerId;
    this.eventId = eventId;
    this.remoteAddress = remoteAddress;
    this.reason = reason == null || reason.length() <= 1024 ? reason : reason.substring(0, 1024);
    this.createdAt = createdAt;
  }

  /** Keeps the request's body with the row: for a conflict, what clashed. */
  public IngestAudit withBody(byte[] body) {
    this.rawBody = body;
    return this;
  }

  public byte[] getRawBody() {
    return rawBody;
  }

  public Long getId() {
    return id;
  }

  public String getSourceId() {
    return sourceId;
  }

  public String getAction() {
    return action;
  }

  public String getProviderId() {
    return providerId;
  }

  public String getEventId() {
    return eventId;
  }

  public String getRemoteAddress() {
    return remoteAddress;
  }

  public String getReason() {
    return reason;
  }

  public OffsetDateTime getCreatedAt() {
    return createdAt;
  }
}
