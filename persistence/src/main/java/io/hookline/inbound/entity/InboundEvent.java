package io.hookline.inbound.entity;

import io.hookline.platform.Ids;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

@Entity
@Table(name = "inbound_event")
@NamedQuery(
    name = InboundEvent.BY_PROVIDER_ID,
    query =
        "select e from InboundEvent e where e.sourceId = :sourceId and e.providerId = :providerId")
@NamedQuery(
    name = InboundEvent.BY_BODY_SINCE,
    query =
        "select e from InboundEvent e where e.sourceId = :sourceId and e.bodySha256 = :bodySha256"
            + " and e.eventType = :eventType and e.receivedAt >= :since"
            + " order by e.receivedAt desc")
public class InboundEvent {
  public static final String BY_PROVIDER_ID = "InboundEvent.byProviderId";

  /** The source's events with this body received since a time, newest first. */
  public static final String BY_BODY_SINCE = "InboundEvent.byBodySince";

  @Id private String id;

  @Column(name = "source_id", nullable = false)
  private String sourceId;

  @Column(name = "provider_id", nullable = false)
  private String providerId;

  @Column(name = "body_sha256", nullable = false)
  private String bodySha256;

  @Column(name = "event_type", nullable = false)
  private String eventType;

  @Column(name = "content_type")
  private String contentType;

  @Column(name = "raw_body", nullable = false)
  private byte[] rawBody;

  @Column(nullable = false)
  private String headers;

  private String payload;

  @Column(name = "transform_error")
  private String transformError;

  @Column(name = "message_id")
  private String messageId;

  @Column(name = "received_at", nullable = false)
  private OffsetDateTime receivedAt;

  protected InboundEvent() {}

  public InboundEvent(
      String sourceId,
      String providerId,
      String bodySha256,
      String eventType,
      String contentType,
      byte[] rawBody,
      String headers,
      OffsetDateTime receivedAt) {
    this.id = Ids.newId("evt");
    this.sourceId = sourceId;
    this.providerId = providerId;
    this.bodySha256 = bodySha256;
    this.eventType = eventType;
    this.contentType = contentType;
    this.rawBody = rawBody;
    this.headers = headers;
    this.receivedAt = receivedAt;
  }

  /**
   * What the transform made of the body (or the body itself), or why it could not.
   *
   * @param eventType the type the transform chose, or null to keep the provider's
   */
  public void shaped(String payload, String eventType, String transformError) {
    this.payload = payload;
    if (eventType != null) {
      this.eventType = eventType;
    }
    this.transformError = transformError;
  }

  public void forwardedAs(String messageId) {
    this.messageId = messageId;
  }

  public String getId() {
    return id;
  }

  public String getSourceId() {
    return sourceId;
  }

  public String getProviderId() {
    return providerId;
  }

  public String getBodySha256() {
    return bodySha256;
  }

  public String getEventType() {
    return eventType;
  }

  public String getContentType() {
    return contentType;
  }

  public byte[] getRawBody() {
    return rawBody;
  }

  public String getHeaders() {
    return headers;
  }

  public String getPayload() {
    return payload;
  }

  public String getTransformError() {
    return transformError;
  }

  public String getMessageId() {
    return messageId;
  }

  public OffsetDateTime getReceivedAt() {
    return receivedAt;
  }
}
