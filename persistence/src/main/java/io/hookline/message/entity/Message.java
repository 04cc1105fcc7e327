package io.hookline.message.entity;

import io.hookline.app.entity.AppOwned;
import io.hookline.platform.Ids;
import io.hookline.platform.NameSets;
import io.hookline.platform.Timestamps;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.List;

@Entity
@Table(name = "message")
public class Message implements AppOwned {
  /** Svix's payloadRetentionPeriod: its default, and the least and most days a message may ask. */
  public static final int DEFAULT_PAYLOAD_DAYS = 90;

  public static final int MIN_PAYLOAD_DAYS = 5;
  public static final int MAX_PAYLOAD_DAYS = 90;

  @Id private String id;

  @Column(name = "app_id", nullable = false)
  private String appId;

  @Column(name = "event_type", nullable = false)
  private String eventType;

  @Column(name = "event_id")
  private String eventId;

  /** The JSON text sent and signed; null once its retention period is over (V26). */
  private String payload;

  /** When the retention job removes the payload (V26); null for messages stored before V26. */
  @Column(name = "payload_expires_at")
  private OffsetDateTime payloadExpiresAt;

  @Column(name = "created_at", nullable = false)
  private OffsetDateTime createdAt;

  /** The channels (V23) as {@link NameSets} stores them; null for none. */
  private String channels;

  /** The tags (V23) as {@link NameSets} stores them; null for none. */
  private String tags;

  protected Message() {}

  public Message(
      String appId,
      String eventType,
      String eventId,
      String payload,
      List<String> channels,
      List<String> tags) {
    this(appId, eventType, eventId, payload);
    this.channels = NameSets.store(channels);
    this.tags = NameSets.store(tags);
  }

  public Message(String appId, String eventType, String eventId, String payload) {
    this.id = Ids.newId("msg");
    this.appId = appId;
    this.eventType = eventType;
    this.eventId = eventId;
    this.payload = payload;
    this.createdAt = Timestamps.now();
    this.payloadExpiresAt = createdAt.plusDays(DEFAULT_PAYLOAD_DAYS);
  }

  /** Keeps the payload {@code days} after the message's creation instead of the default. */
  public void keepPayloadFor(int days) {
    if (days < MIN_PAYLOAD_DAYS || days > MAX_PAYLOAD_DAYS) {
      throw new IllegalArgumentException("a payload is kept 5 to 90 days, not " + days);
    }
    this.payloadExpiresAt = createdAt.plusDays(days);
  }

  public String getId() {
    return id;
  }

  @Override
  public String getAppId() {
    return appId;
  }

  public String getEventType() {
    return eventType;
  }

  public String getEventId() {
    return eventId;
  }

  /** The payload's JSON text, or null once its retention period is over. */
  public String getPayload() {
    return payload;
  }

  public OffsetDateTime getPayloadExpiresAt() {
    return payloadExpiresAt;
  }

  public OffsetDateTime getCreatedAt() {
    return createdAt;
  }

  /** The channels that pick the endpoints it goes to; empty for none. */
  public List<String> getChannels() {
    return NameSets.read(channels);
  }

  public List<String> getTags() {
    return NameSets.read(tags);
  }
}
