package io.hookline.app.entity;

import io.hookline.platform.Ids;
import io.hookline.platform.Timestamps;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

@Entity
@Table(name = "app")
@NamedQuery(name = App.BY_UID, query = "select a from App a where a.uid = :uid")
@NamedQuery(name = App.ALL, query = "select a from App a order by a.id")
public class App {
  public static final String BY_UID = "App.byUid";
  public static final String ALL = "App.all";

  @Id private String id;

  @Column(unique = true)
  private String uid;

  @Column(nullable = false)
  private String name;

  /** An object of strings, as JSON text. */
  @Column(nullable = false)
  private String metadata = "{}";

  @Column(name = "throttle_rate")
  private Integer throttleRate;

  @Column(name = "created_at", nullable = false)
  private OffsetDateTime createdAt;

  @Column(name = "updated_at", nullable = false)
  private OffsetDateTime updatedAt;

  protected App() {}

  public App(String name, String uid) {
    this.id = Ids.newId("app");
    this.name = name;
    this.uid = uid;
    this.createdAt = Timestamps.now();
    this.updatedAt = createdAt;
  }

  public String getId() {
    return id;
  }

  public String getUid() {
    return uid;
  }

  public String getName() {
    return name;
  }

  public OffsetDateTime getCreatedAt() {
    return createdAt;
  }

  public void setName(String name) {
    this.name = name;
  }

  public void setUid(String uid) {
    this.uid = uid;
  }

  public String getMetadata() {
    return metadata;
  }

  public void setMetadata(String metadata) {
    this.metadata = metadata;
  }

  public Integer getThrottleRate() {
    return throttleRate;
  }

  public void setThrottleRate(Integer throttleRate) {
    this.throttleRate = throttleRate;
  }

  public OffsetDateTime getUpdatedAt() {
    return updatedAt;
  }

  /** Marks the app changed now. */
  public void touch() {
    this.updatedAt = Timestamps.now();
  }
}
