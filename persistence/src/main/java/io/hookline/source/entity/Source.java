package io.hookline.source.entity;

import io.hookline.platform.Ids;
import io.hookline.platform.Timestamps;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

@Entity
@Table(name = "source")
public class Source {
  /** What happens to an accepted event. */
  public enum Mode {
    /** Kept, for reading and replaying. */
    STORE,
    /** Kept, and sent on as a message of the forward app. */
    FORWARD
  }

  @Id private String id;

  @Column(nullable = false)
  private String name;

  @Column(nullable = false)
  private String type;

  @Column(name = "secret_ciphertext")
  private String secretCiphertext;

  @Column(name = "secret_key_id")
  private String secretKeyId;

  @Column(nullable = false)
  private String config;

  @Column(nullable = false)
  private String mode;

  @Column(name = "forward_app_id")
  private String forwardAppId;

  @Column(name = "forward_prefix")
  private String forwardPrefix;

  private String transform;

  @Column(name = "created_at", nullable = false)
  private OffsetDateTime createdAt;

  @Column(name = "updated_at", nullable = false)
  private OffsetDateTime updatedAt;

  protected Source() {}

  public Source(String name, String type) {
    this.id = Ids.newId("src");
    this.name = name;
    this.type = type;
    this.config = "{}";
    this.mode = Mode.STORE.name();
    this.createdAt = Timestamps.now();
    this.updatedAt = createdAt;
  }

  /** Everything a PUT sets; the type and the id stay. */
  public void update(
      String name,
      String config,
      Mode mode,
      String forwardAppId,
      String forwardPrefix,
      String transform) {
    this.name = name;
    this.config = config;
    this.mode = mode.name();
    this.forwardAppId = forwardAppId;
    this.forwardPrefix = forwardPrefix;
    this.transform = transform;
    this.updatedAt = Timestamps.now();
  }

  public void sealSecret(String ciphertext, String keyId) {
    this.secretCiphertext = ciphertext;
    this.secretKeyId = keyId;
    this.updatedAt = Timestamps.now();
  }

  public String getId() {
    return id;
  }

  public String getName() {
    return name;
  }

  public String getType() {
    return type;
  }

  public String getSecretCiphertext() {
    return secretCiphertext;
  }

  public String getSecretKeyId() {
    return secretKeyId;
  }

  public String getConfig() {
    return config;
  }

  public Mode getMode() {
    return Mode.valueOf(mode);
  }

  public String getForwardAppId() {
    return forwardAppId;
  }

  public String getForwardPrefix() {
    return forwardPrefix;
  }

  public String getTransform() {
    return transform;
  }

  public OffsetDateTime getCreatedAt() {
    return createdAt;
  }

  public OffsetDateTime getUpdatedAt() {
    return updatedAt;
  }
}
