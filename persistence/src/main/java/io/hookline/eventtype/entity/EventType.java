package io.hookline.eventtype.entity;

import io.hookline.platform.Timestamps;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

/** One event type of the catalogue, named by its {@code name}; archived rather than deleted. */
@Entity
@Table(name = "event_type")
public class EventType {
  @Id private String name;

  @Column(nullable = false)
  private String description;

  /** A JSON object of JSON Schemas per version, as text, or null. */
  private String schemas;

  @Column(nullable = false)
  private boolean archived;

  @Column(nullable = false)
  private boolean deprecated;

  @Column(name = "feature_flags")
  private String featureFlags;

  @Column(name = "group_name")
  private String groupName;

  @Column(name = "created_at", nullable = false)
  private OffsetDateTime createdAt;

  @Column(name = "updated_at", nullable = false)
  private OffsetDateTime updatedAt;

  protected EventType() {}

  public EventType(String name) {
    this.name = name;
    this.createdAt = Timestamps.now();
    this.updatedAt = createdAt;
    this.description = "";
  }

  public String getName() {
    return name;
  }

  public String getDescription() {
    return description;
  }

  public void setDescription(String description) {
    this.description = description;
  }

  public String getSchemas() {
    return schemas;
  }

  public void setSchemas(String schemas) {
    this.schemas = schemas;
  }

  public boolean isArchived() {
    return archived;
  }

  public void setArchived(boolean archived) {
    this.archived = archived;
  }

  public boolean isDeprecated() {
    return deprecated;
  }

  public void setDeprecated(boolean deprecated) {
    this.deprecated = deprecated;
  }

  /** The feature flags, in the order given; empty when none. */
  public List<String> getFeatureFlags() {
    return featureFlags == null ? List.of() : Arrays.asList(featureFlags.split(","));
  }

  /**
   * @param flags names without commas (Svix's pattern allows letters, digits, - _ .)
   */
  public void setFeatureFlags(List<String> flags) {
    this.featureFlags = flags.isEmpty() ? null : String.join(",", flags);
  }

  public String getGroupName() {
    return groupName;
  }

  public void setGroupName(String groupName) {
    this.groupName = groupName;
  }

  public OffsetDateTime getCreatedAt() {
    return createdAt;
  }

  public OffsetDateTime getUpdatedAt() {
    return updatedAt;
  }

  /** Marks the event type changed now. */
  public void touch() {
    this.updatedAt = Timestamps.now();
  }
}
