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
  @Id private String id;

  @Column(name = "app_id", nullable = false)
  private String appId;

  @Column(name = "event_type", nullable = false)
  private String eventType;

  @Column(name = "event_id")
  private String eventId;

  @Column(nullable = false)
  private String payload;

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

  public String getPayload() {
    return payload;
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
