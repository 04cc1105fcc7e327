package io.hookline.message.control;

import io.hookline.platform.Refusal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Idempotency for sends: claims an Idempotency-Key or eventId for a new message, or finds the
 * message an earlier identical request made.
 */
@ApplicationScoped
public class MessageClaims {
  static final Duration KEY_LIFETIME = Duration.ofHours(24);

  @PersistenceContext EntityManager em;

  /** A claim: its name within the app, and when it lapses (null: never). */
  public record Claim(String name, String field, OffsetDateTime expiresAt) {
    static Claim idempotencyKey(String key, OffsetDateTime now) {
      return new Claim("key:" + key, "Idempotency-Key", now.plus(KEY_LIFETIME));
    }

    static Claim eventId(String eventId) {
      return new Claim("event:" + eventId, "eventId", null);
    }
  }

  /**
   * The id of the message an earlier identical request made under one of these claims, or null when
   * none is live. A live claim with another request hash is a 409.
   */
  // A conflict writes nothing: it must not doom the caller's transaction (a batch goes on).
  @Transactional(value = Transactional.TxType.MANDATORY, dontRollbackOn = Refusal.class)
  public String earlier(String appId, List<Claim> claims, String requestHash) {
    for (Claim claim : claims) {
      List<?> rows =
          em.createNativeQuery(
                  "select request_hash, message_id from message_claim where app_id = ? and claim = ?"
                      + " and (expires_at is null or expires_at > now())")
              .setParameter(1, appId)
              .setParameter(2, claim.name())
              .getResultList();
      if (!rows.isEmpty()) {
        Object[] row = (Object[]) rows.get(0);
        if (!requestHash.equals(row[0])) {
          throw Refusal.conflict(
              claim.field(),
              claim.field()
                  + " was already used for a different request (another event type, id or payload)");
        }
        return (String) row[1];
      }
    }
    return null;
  }

  /**
   * Claims each name for the new message; a live claim made meanwhile by a twin request is a 409.
   */
  // A conflict writes nothing: it must not doom the caller's transaction (a batch goes on).
  @Transactional(value = Transactional.TxType.MANDATORY, dontRollbackOn = Refusal.class)
  public void claim(
      String appId, List<Claim> claims, String requestHash, String messageId, OffsetDateTime now) {
    for (Claim claim : claims) {
      // A typeless null would not bind as timestamptz, so "never lapses" is written out.
      String expires = claim.expiresAt() == null ? "null" : "?";
      var insert =
          em.createNativeQuery(
                  "insert into message_claim (app_id, claim, request_hash, message_id, created_at, expires_at)"
                      + " values (?, ?, ?, ?, ?, "
                      + expires
                      + ")"
                      + " on conflict (app_id, claim) do update set request_hash = excluded.request_hash,"
                      + " message_id = excluded.message_id, created_at = excluded.created_at, expires_at = excluded.expires_at"
                      + " where message_claim.expires_at <= now()")
              .setParameter(1, appId)
              .setParameter(2, claim.name())
              .setParameter(3, requestHash)
              .setParameter(4, messageId)
              .setParameter(5, now);
      if (claim.expiresAt() != null) {
        insert.setParameter(6, claim.expiresAt());
      }
      int inserted = insert.executeUpdate();
      if (inserted == 0) {
        // The claims made above for this message go too: the transaction goes on with the other
        // sends of its group, and a key left pointing at a message never stored would answer
        // every retry of it with nothing.
        em.createNativeQuery("delete from message_claim where app_id = ? and message_id = ?")
            .setParameter(1, appId)
            .setParameter(2, messageId)
            .executeUpdate();
        throw Refusal.conflict(
            claim.field(),
            "a request with this "
                + claim.field()
                + " was being processed at the same time; send it again to get its answer");
      }
    }
  }
}
