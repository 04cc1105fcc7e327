package io.hookline.message.control;

import io.hookline.platform.Refusal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Idempotency for sends: claims an Idempotency-Key or eventId for a new message, or finds the
 * message an earlier identical request made.
 */
@ApplicationScoped
public class MessageClaims {
  static final Duration KEY_LIFETIME = Duration.ofHours(24);

  @PersistenceContext EntityManager em;

  /**
   * A claim: its name within the app, when it lapses (null: never), and whether a repeat of the
   * same request gets the first answer (an Idempotency-Key) or a 409 (an eventId, as Svix answers).
   */
  public record Claim(String name, String field, OffsetDateTime expiresAt, boolean replayable) {
    static Claim idempotencyKey(String key, OffsetDateTime now) {
      return new Claim("key:" + key, "Idempotency-Key", now.plus(KEY_LIFETIME), true);
    }

    static Claim eventId(String eventId) {
      return new Claim(EVENT + eventId, "eventId", null, false);
    }
  }

  private static final String EVENT = "event:";

  /** The id of the app's message made with this eventId, or null. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public String messageOfEventId(String appId, String eventId) {
    List<?> rows =
        em.createNativeQuery("select message_id from message_claim where app_id = ? and claim = ?")
            .setParameter(1, appId)
            .setParameter(2, EVENT + eventId)
            .getResultList();
    return rows.isEmpty() ? null : (String) rows.get(0);
  }

  /**
   * The id of the message an earlier identical request made under one of these claims (its
   * Idempotency-Key, which comes first), or null when none is live. A live key claim with another
   * request hash is a 409, and so is any live eventId claim.
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
        if (!claim.replayable() || !requestHash.equals(row[0])) {
          throw usedForAnother(claim);
        }
        return (String) row[1];
      }
    }
    return null;
  }

  /** The claims a new message is to make, with its request's hash. */
  public record Pending(String appId, List<Claim> claims, String requestHash, String messageId) {}

  /**
   * Makes the claims of several new messages, all in one order (app, then claim name) whatever
   * order the messages came in: two transactions making some of the same claims (a group on each of
   * two nodes) then wait for each other instead of deadlocking. A message that loses one of its
   * claims to a twin request committed meanwhile gets its other claims withdrawn.
   *
   * @return the 409 of each message, by id, that lost a claim; the others hold all theirs
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public Map<String, Refusal> claimAll(List<Pending> pending, OffsetDateTime now) {
    record One(Pending owner, Claim claim) {}
    List<One> all = new ArrayList<>();
    pending.forEach(p -> p.claims().forEach(claim -> all.add(new One(p, claim))));
    all.sort(
        Comparator.comparing((One one) -> one.owner().appId())
            .thenComparing(one -> one.claim().name()));
    Map<String, Refusal> lost = new HashMap<>();
    for (One one : all) {
      Pending owner = one.owner();
      if (lost.containsKey(owner.messageId())) {
        continue;
      }
      if (!insert(owner, one.claim(), now)) {
        // The claims made above for this message go too: the transaction goes on with the other
        // sends of its group, and a key left pointing at a message never stored would answer
        // every retry of it with nothing.
        em.createNativeQuery("delete from message_claim where app_id = ? and message_id = ?")
            .setParameter(1, owner.appId())
            .setParameter(2, owner.messageId())
            .executeUpdate();
        lost.put(
            owner.messageId(),
            !one.claim().replayable()
                ? usedForAnother(one.claim())
                : Refusal.conflict(
                    one.claim().field(),
                    "a request with this "
                        + one.claim().field()
                        + " was being processed at the same time; send it again to get its answer"));
      }
    }
    return lost;
  }

  /** The 409 for a claim already made for another request, or for an eventId already used. */
  static Refusal usedForAnother(Claim claim) {
    if (!claim.replayable()) {
      return Refusal.conflict(
          claim.field(), "the app already has a message with this " + claim.field());
    }
    return Refusal.conflict(
        claim.field(),
        claim.field()
            + " was already used for a different request (another event type, id or payload)");
  }

  /** False when a live claim of that name exists (made meanwhile by a twin request). */
  private boolean insert(Pending owner, Claim claim, OffsetDateTime now) {
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
            .setParameter(1, owner.appId())
            .setParameter(2, claim.name())
            .setParameter(3, owner.requestHash())
            .setParameter(4, owner.messageId())
            .setParameter(5, now);
    if (claim.expiresAt() != null) {
      insert.setParameter(6, claim.expiresAt());
    }
    return insert.executeUpdate() > 0;
  }
}
