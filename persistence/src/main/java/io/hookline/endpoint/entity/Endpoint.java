package io.hookline.endpoint.entity;

import io.hookline.app.entity.AppOwned;
import io.hookline.platform.Ids;
import io.hookline.platform.Timestamps;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.io.StringReader;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@Entity
@Table(name = "endpoint")
@NamedQuery(
    name = Endpoint.BY_APP_UID,
    query =
        "select e from Endpoint e where e.appId = :appId and e.uid = :uid and e.deletedAt is null")
@NamedQuery(
    name = Endpoint.ENABLED_BY_APPS,
    query =
        "select e from Endpoint e where e.appId in :appIds and e.enabled = true"
            + " and e.deletedAt is null")
public class Endpoint implements AppOwned {
  public static final String BY_APP_UID = "Endpoint.byAppUid";
  public static final String ENABLED_BY_APPS = "Endpoint.enabledByApps";

  @Id private String id;

  @Column(name = "app_id", nullable = false)
  private String appId;

  /** The client's own name for the endpoint, unique among the app's endpoints; or null. */
  private String uid;

  /** An object of strings, as JSON text. */
  @Column(nullable = false)
  private String metadata = "{}";

  /** Space-separated channels; null when there are none. */
  private String channels;

  @Column(nullable = false)
  private String url;

  private String description;

  /** Space-separated event types; empty means every event type. */
  @Column(name = "event_types")
  private String eventTypes;

  @Column(name = "secret_ciphertext", nullable = false)
  private String secretCiphertext;

  @Column(name = "secret_key_id", nullable = false)
  private String secretKeyId;

  @Column(nullable = false)
  private boolean enabled;

  @Column(name = "disabled_reason")
  private String disabledReason;

  @Column(name = "previous_secret_ciphertext")
  private String previousSecretCiphertext;

  @Column(name = "previous_secret_key_id")
  private String previousSecretKeyId;

  @Column(name = "previous_secret_expires_at")
  private OffsetDateTime previousSecretExpiresAt;

  /** Custom request headers as a JSON object, or null. */
  private String headers;

  /** Deliveries in acceptance order, each waiting for the one before to be delivered or dead. */
  @Column(nullable = false)
  private boolean ordered;

  /** Deliveries per second at most, over all nodes; null for no limit. */
  @Column(name = "rate_limit")
  private Integer rateLimit;

  @Column(name = "deleted_at")
  private OffsetDateTime deletedAt;

  @Column(name = "created_at", nullable = false)
  private OffsetDateTime createdAt;

  @Column(name = "updated_at", nullable = false)
  private OffsetDateTime updatedAt;

  protected Endpoint() {}

  public Endpoint(
      String appId,
      String url,
      String description,
      List<String> eventTypes,
      String secretCiphertext,
      String secretKeyId) {
    this.id = Ids.newId("ep");
    this.appId = appId;
    this.url = url;
    this.description = description;
    this.eventTypes = String.join(" ", eventTypes);
    this.secretCiphertext = secretCiphertext;
    this.secretKeyId = secretKeyId;
    this.enabled = true;
    this.createdAt = Timestamps.now();
    this.updatedAt = createdAt;
  }

  public String getId() {
    return id;
  }

  @Override
  public String getAppId() {
    return appId;
  }

  public String getUrl() {
    return url;
  }

  public String getDescription() {
    return description;
  }

  public List<String> getEventTypes() {
    if (eventTypes == null || eventTypes.isBlank()) {
      return List.of();
    }
    return Arrays.asList(eventTypes.trim().split(" +"));
  }

  public String getSecretCiphertext() {
    return secretCiphertext;
  }

  public String getSecretKeyId() {
    return secretKeyId;
  }

  public void update(
      String url,
      String description,
      List<String> eventTypes,
      Map<String, String> headers,
      Integer rateLimit) {
    this.rateLimit = rateLimit;
    this.url = url;
    this.description = description;
    this.eventTypes = String.join(" ", eventTypes);
    setHeaders(headers);
  }

  /** Replaces the custom request headers. */
  public void setHeaders(Map<String, String> headers) {
    if (headers.isEmpty()) {
      this.headers = null;
    } else {
      JsonObjectBuilder json = Json.createObjectBuilder();
      headers.forEach(json::add);
      this.headers = json.build().toString();
    }
  }

  /** The new secret signs from now on; the current one also signs until {@code previousUntil}. */
  public void rotateSecret(String ciphertext, String keyId, OffsetDateTime previousUntil) {
    previousSecretCiphertext = secretCiphertext;
    previousSecretKeyId = secretKeyId;
    previousSecretExpiresAt = previousUntil;
    secretCiphertext = ciphertext;
    secretKeyId = keyId;
  }

  /** The previous secret's ciphertext while it still signs at {@code at}, otherwise null. */
  public String previousSecretCiphertextAt(OffsetDateTime at) {
    return previousSecretExpiresAt != null && at.isBefore(previousSecretExpiresAt)
        ? previousSecretCiphertext
        : null;
  }

  public String getPreviousSecretKeyId() {
    return previousSecretKeyId;
  }

  public OffsetDateTime getPreviousSecretExpiresAt() {
    return previousSecretExpiresAt;
  }

  public void enable() {
    enabled = true;
    disabledReason = null;
  }

  /** Kept for its history; gets no new deliveries, and pending ones end at their next try. */
  public void delete(OffsetDateTime at) {
    deletedAt = at;
    disable("deleted at " + at);
  }

  public boolean isDeleted() {
    return deletedAt != null;
  }

  public void setOrdered(boolean ordered) {
    this.ordered = ordered;
  }

  public boolean isOrdered() {
    return ordered;
  }

  public Integer getRateLimit() {
    return rateLimit;
  }

  /** The custom request headers, in the order they were set; empty when there are none. */
  public Map<String, String> getHeaders() {
    Map<String, String> map = new LinkedHashMap<>();
    if (headers != null) {
      Json.createReader(new StringReader(headers))
          .readObject()
          .forEach((name, value) -> map.put(name, ((JsonString) value).getString()));
    }
    return map;
  }

  /** Stops all delivery to this endpoint; the reason is kept for the operator. */
  public void disable(String reason) {
    enabled = false;
    disabledReason = reason.length() > 1024 ? reason.substring(0, 1024) : reason;
  }

  public String getDisabledReason() {
    return disabledReason;
  }

  public boolean isEnabled() {
    return enabled;
  }

  public OffsetDateTime getCreatedAt() {
    return createdAt;
  }

  public OffsetDateTime getUpdatedAt() {
    return updatedAt;
  }

  /** Marks the endpoint changed now. */
  public void touch() {
    updatedAt = Timestamps.now();
  }

  public String getUid() {
    return uid;
  }

  public void setUid(String uid) {
    this.uid = uid;
  }

  /** The metadata object as JSON text. */
  public String getMetadata() {
    return metadata;
  }

  public void setMetadata(String metadata) {
    this.metadata = metadata;
  }

  /** The channels, in the order they were set; empty when there are none. */
  public List<String> getChannels() {
    if (channels == null || channels.isBlank()) {
      return List.of();
    }
    return Arrays.asList(channels.trim().split(" +"));
  }

  public void setChannels(List<String> channels) {
    this.channels = channels.isEmpty() ? null : String.join(" ", channels);
  }
}
