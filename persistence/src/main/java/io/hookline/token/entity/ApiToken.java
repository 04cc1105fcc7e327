package io.hookline.token.entity;

import io.hookline.app.entity.AppOwned;
import io.hookline.platform.Ids;
import io.hookline.platform.Timestamps;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

@Entity
@Table(name = "api_token")
@NamedQuery(name = ApiToken.BY_HASH, query = "select t from ApiToken t where t.tokenHash = :hash")
public class ApiToken implements AppOwned {
  public static final String BY_HASH = "ApiToken.byHash";

  @Id private String id;

  @Column(name = "app_id", nullable = false)
  private String appId;

  @Column(name = "token_hash", nullable = false)
  private String tokenHash;

  @Column(nullable = false)
  private String prefix;

  @Column(name = "created_at", nullable = false)
  private OffsetDateTime createdAt;

  protected ApiToken() {}

  public ApiToken(String appId, String tokenHash, String prefix) {
    this.id = Ids.newId("tok");
    this.appId = appId;
    this.tokenHash = tokenHash;
    this.prefix = prefix;
    this.createdAt = Timestamps.now();
  }

  public String getId() {
    return id;
  }

  @Override
  public String getAppId() {
    return appId;
  }

  public String getPrefix() {
    return prefix;
  }

  public OffsetDateTime getCreatedAt() {
    return createdAt;
  }
}
