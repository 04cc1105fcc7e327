package io.hookline.portal.control;

import io.hookline.app.control.Apps;
import io.hookline.app.entity.App;
import io.hookline.platform.Sha256;
import io.hookline.platform.Timestamps;
import io.hookline.portal.entity.PortalToken;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * Portal links' tokens: made for one app with its capabilities and lifetime, found again by their
 * hash, and ended early by expire-all.
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

  /** {@code GET /api/v1/auth/portal-session}: what the page asks first, open to any live link. */
  public static final List<String> SESSION_PATH = List.of("v1", "auth", "portal-session");

  private static final SecureRandom RANDOM = new SecureRandom();

  @PersistenceContext EntityManager em;
  @Inject Apps apps;

  /** A new token; the token itself exists only in this answer. */
  public record Issued(PortalToken row, String token) {}

  /**
   * Who a portal token speaks for and what it may do; {@code expired} when the link has run out (or
   * was ended), which the API answers with 401 and the page with its expiry message.
   */
  public record Principal(
      String appId,
      String appUid,
      String appName,
      Set<Capability> capabilities,
      OffsetDateTime expiresAt,
      boolean expired) {}

  public Issued issue(
      String appRef, Set<Capability> capabilities, Duration expiry, String session) {
    App app = apps.find(appRef);
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    PortalToken row =
        new PortalToken(
            app.getId(),
            Sha256.hex(token),
            Capabilities.format(capabilities),
            session,
            Timestamps.now().plus(expiry));
    em.persist(row);
    return new Issued(row, token);
  }

  /** The token's principal, or null when it is no portal token Hookline made. */
  public Principal authenticate(String token) {
    if (token == null || !token.startsWith(PREFIX)) {
      return null;
    }
    PortalToken row =
        em.createNamedQuery(PortalToken.BY_HASH, PortalToken.class)
            .setParameter("hash", Sha256.hex(token))
            .getResultStream()
            .findFirst()
            .orElse(null);
    if (row == null) {
      return null;
    }
    App app = em.find(App.class, row.getAppId());
    if (app == null) {
      return null;
    }
    return new Principal(
        app.getId(),
        app.getUid(),
        app.getName(),
        Capabilities.parse(row.getCapabilities()),
        row.getExpiresAt(),
        !row.getExpiresAt().isAfter(Timestamps.now()));
  }

  /**
   * Ends the app's links {@code after} from now (zero: at once), or only those made for one of
   * {@code sessions} when it names any. A link due to expire sooner keeps its own time.
   *
   * @return how many links were changed
   */
  public int expireAll(String appRef, Duration after, List<String> sessions) {
    App app = apps.find(appRef);
    OffsetDateTime at = Timestamps.now().plus(after);
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
}
