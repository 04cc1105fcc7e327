package io.hookline.portal.entity;

import io.hookline.app.entity.AppOwned;
import io.hookline.platform.Ids;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/**
 * A subscriber portal link's token: its app, the capabilities it carries (names separated by
 * commas), the session it was made for (or none) and when it stops working, by the database's
 * clock. The token itself is never stored, only its SHA-256.
 */
@Entity
@Table(name = "portal_token")
@NamedQuery(
    name = PortalToken.EXPIRE_ALL,
    query =
        "update PortalToken t set t.expiresAt = :at where t.appId = :appId and t.expiresAt > :at")
@NamedQuery(
    name = PortalToken.EXPIRE_SESSIONS,
    query =
        "update PortalToken t set t.expiresAt = :at where t.appId = :appId and t.expiresAt > :at"
            + " and t.sessionId in :sessions")
public class PortalToken implements AppOwned {
  public static final String EXPIRE_ALL = "PortalToken.expireAll";
  public static final String EXPIRE_SESSIONS = "PortalToken.expireSessions";

  @Id private String id;

  @Column(name = "app_id", nullable = false)
  private String appId;

  @Column(name = "token_hash", nullable = false)
  private String tokenHash;

  @Column(nullable = false)
  private String capabilities;

  @Column(name = "session_id")
  private String sessionId;

  @Column(name = "expires_at", nullable = false)
  private OffsetDateTime expiresAt;

  @Column(name = "created_at", nullable = false)
  private OffsetDateTime createdAt;

  protected PortalToken() {}

  /**
   * @param createdAt the database's now(), so that a link's lifetime never depends on the clock of
   *     the node that made it
   */
  public PortalToken(
      String appId,
      String tokenHash,
      String capabilities,
      String sessionId,
      OffsetDateTime createdAt,
      OffsetDateTime expiresAt) {
    this.id = Ids.newId("ptk");
    this.appId = appId;
    this.tokenHash = tokenHash;
    this.capabilities = capabilities;
    this.sessionId = sessionId;
    this.createdAt = createdAt;
    this.expiresAt = expiresAt;
  }

  public String getId() {
    return id;
  }

  @Override
  public String getAppId() {
    return appId;
  }

  public String getCapabilities() {
    return capabilities;
  }

  public String getSessionId() {
    return sessionId;
  }

  public OffsetDateTime getExpiresAt() {
    return expiresAt;
  }

  public OffsetDateTime getCreatedAt() {
    return createdAt;
  }
}
