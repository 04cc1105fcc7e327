package io.hookline.token.control;

import io.hookline.app.control.Apps;
import io.hookline.app.entity.App;
import io.hookline.platform.BearerSecrets;
import io.hookline.platform.KeysetQuery;
import io.hookline.platform.ListPage;
import io.hookline.token.entity.ApiToken;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

@ApplicationScoped
@Transactional
public class ApiTokens {
  /** Every app token starts so: the filter knows at once which kind it holds. */
  public static final String PREFIX = "hk_app_";

  @PersistenceContext EntityManager em;
  @Inject Apps apps;

  /** A new token and its row; the token itself exists only in this answer. */
  public record Issued(ApiToken row, String token) {}

  /** Who an app token speaks for. */
  public record AppPrincipal(String appId, String appUid) {}

  public Issued issue(String appRef) {
    App app = apps.find(appRef);
    BearerSecrets.Minted minted = BearerSecrets.mint(PREFIX);
    ApiToken row = new ApiToken(app.getId(), minted.hash(), minted.token().substring(0, 12));
    em.persist(row);
    return new Issued(row, minted.token());
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
    String hash = BearerSecrets.hashOf(PREFIX, token);
    if (hash == null) {
      return null;
    }
    return em.createNamedQuery(ApiToken.BY_HASH, ApiToken.class)
        .setParameter("hash", hash)
        .getResultStream()
        .findFirst()
        .map(row -> em.find(App.class, row.getAppId()))
        .map(app -> new AppPrincipal(app.getId(), app.getUid()))
        .orElse(null);
  }
}
