package io.hookline.message.entity;

import io.hookline.app.entity.AppOwned;
import io.hookline.platform.Ids;
import io.hookline.platform.Timestamps;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

@Entity
@Table(name = "message")
@jakarta.persistence.NamedQuery(
    name = Message.BY_APP_BEFORE,
    query = "select m from Message m where m.appId = :appId and m.id < :before order by m.id desc")
public class Message implements AppOwned {
  public static final String BY_APP_BEFORE = "Message.byAppBefore";

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

  protected Message() {}

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
}
