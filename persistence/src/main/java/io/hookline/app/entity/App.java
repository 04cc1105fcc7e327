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

  @Column(name = "created_at", nullable = false)
  private OffsetDateTime createdAt;

  protected App() {}

  public App(String name, String uid) {
    this.id = Ids.newId("app");
    this.name = name;
    this.uid = uid;
    this.createdAt = Timestamps.now();
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
}
