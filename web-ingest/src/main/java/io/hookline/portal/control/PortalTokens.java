package io.hookline.portal.control;

import io.hookline.app.control.Apps;
import io.hookline.app.entity.App;
import io.hookline.platform.BearerSecrets;
import io.hookline.platform.Timestamps;
import io.hookline.portal.entity.PortalToken;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;

/**
 * Portal links' tokens: made for one app with its capabilities and lifetime, found again by their
 * hash, and ended early by expire-all. Every time here is the database's clock (now()), so that
 * nodes whose clocks differ agree on when a link ends.
 */
@ApplicationScoped
@Transactional
public class PortalTokens {
  /** Every portal token starts so: the bearer filter knows at once which kind it holds. */
  public static final String PREFIX = "hk_portal_";

  /** Svix's bounds of a link's lifetime, and its default. */
  public static final Duration MIN_EXPIRY = Duration.ofHours(1);

  public static final Duration MAX_EXPIRY = Duration.ofDays(7);

  /** The request property holding the {@link Principal} of a portal token's request. */
  public static final String PRINCIPAL = "io.hookline.portal.principal";

  @PersistenceContext EntityManager em;
  @Inject Apps apps;

  /** A new token; the token itself exists only in this answer. */
  public record Issued(PortalToken row, String token) {}

  /**
   * Who a portal token speaks for and what it may do; {@code expired} when the link has run out (or
   * was ended) by the database's clock, which the API answers with 401 and the page with its expiry
   * message. {@code tokenId} names the link (never the token) for per-link limits.
   */
  public record Principal(
      String tokenId,
      String appId,
      String appUid,
      String appName,
      Set<Capability> capabilities,
      OffsetDateTime expiresAt,
      boolean expired) {}

  public Issued issue(
      String appRef, Set<Capability> capabilities, Duration expiry, String session) {
    App app = apps.find(appRef);
    BearerSecrets.Minted minted = BearerSecrets.mint(PREFIX);
    OffsetDateTime now = databaseNow();
    PortalToken row =
        new PortalToken(
            app.getId(),
            minted.hash(),
            Capabilities.format(capabilities),
            session,
            now,
            now.plus(expiry));
    em.persist(row);
    return new Issued(row, minted.token());
  }

  /** The token's principal, or null when it is no portal token Hookline made. */
  public Principal authenticate(String token) {
    String hash = BearerSecrets.hashOf(PREFIX, token);
    if (hash == null) {
      return null;
    }
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "select t.id, a.id, a.uid, a.name, t.capabilities, t.expires_at,"
                    + " t.expires_at <= now() from portal_token t join app a on a.id = t.app_id"
                    + " where t.token_hash = ?")
            .setParameter(1, hash)
            .getResultList();
    if (rows.isEmpty()) {
      return null;
    }
    Object[] row = rows.get(0);
    return new Principal(
        (String) row[0],
        (String) row[1],
        (String) row[2],
        (String) row[3],
        Capabilities.parse((String) row[4]),
        Timestamps.fromDatabase(row[5]),
        Boolean.TRUE.equals(row[6]));
  }

  /**
   * Ends the app's links {@code after} from now (zero: at once), or only those made for one of
   * {@code sessions} when it names any. A link due to expire sooner keeps its own time; links
   * already ended are not touched (the (app_id, expires_at) index finds only live ones).
   *
   * @return how many links were changed
   */
  public int expireAll(String appRef, Duration after, List<String> sessions) {
    App app = apps.find(appRef);
    OffsetDateTime at = databaseNow().plus(after);
    if (sessions == null || sessions.isEmpty()) {
      return em.createNamedQuery(PortalToken.EXPIRE_ALL)
          .setParameter("at", at)
          .setParameter("appId", app.getId())
          .executeUpdate();
    }
    return em.createNamedQuery(PortalToken.EXPIRE_SESSIONS)
        .setParameter("at", at)
        .setParameter("appId", app.getId())
        .setParameter("sessions", sessions)
        .executeUpdate();
  }

  /** The database's now(): the one clock every node's links are timed by. */
  private OffsetDateTime databaseNow() {
    return Timestamps.fromDatabase(em.createNativeQuery("select now()").getSingleResult());
  }
}
