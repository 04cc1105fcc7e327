package io.hookline.token.control;

import io.hookline.app.control.Apps;
import io.hookline.app.entity.App;
import io.hookline.platform.KeysetQuery;
import io.hookline.platform.ListPage;
import io.hookline.platform.Sha256;
import io.hookline.token.entity.ApiToken;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.util.Base64;

@ApplicationScoped
@Transactional
public class ApiTokens {
  /** Every app token starts so: the filter knows at once which kind it holds. */
  public static final String PREFIX = "hk_app_";

  private static final SecureRandom RANDOM = new SecureRandom();

  @PersistenceContext EntityManager em;
  @Inject Apps apps;

  /** A new token and its row; the token itself exists only in this answer. */
  public record Issued(ApiToken row, String token) {}

  /** Who an app token speaks for. */
  public record AppPrincipal(String appId, String appUid) {}

  public Issued issue(String appRef) {
    App app = apps.find(appRef);
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    ApiToken row = new ApiToken(app.getId(), Sha256.hex(token), token.substring(0, 12));
    em.persist(row);
    return new Issued(row, token);
  }

  /** One page of the app's tokens, by id (creation order). */
  public ListPage.Page<ApiToken> list(String appRef, ListPage page) {
    return KeysetQuery.of(em, ApiToken.class, "select t from ApiToken t")
        .where("t.appId = :appId", "appId", apps.find(appRef).getId())
        .page(page, "t.id", ApiToken::getId);
  }

  public void revoke(String appRef, String tokenId) {
    em.remove(apps.findOwned(appRef, ApiToken.class, tokenId, "token"));
  }

  /** The app a token speaks for, or null when it is no live app token. */
  public AppPrincipal authenticate(String token) {
    if (token == null || !token.startsWith(PREFIX)) {
      return null;
    }
    // Looked up by hash: the database compares digests, never the secret itself.
    return em.createNamedQuery(ApiToken.BY_HASH, ApiToken.class)
        .setParameter("hash", Sha256.hex(token))
        .getResultStream()
        .findFirst()
        .map(row -> em.find(App.class, row.getAppId()))
        .map(app -> new AppPrincipal(app.getId(), app.getUid()))
        .orElse(null);
  }
}
