package io.hookline.idempotency.control;

import io.hookline.platform.Refusal;
import io.hookline.platform.Timestamps;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.Supplier;

/**
 * Runs a POST once per (caller, idempotency-key, route) for 24 hours. The key is claimed and the
 * answer stored in the transaction that makes the change, so a change and its stored answer commit
 * together or not at all: a twin request arriving meanwhile waits on the claim's row and then gets
 * the stored answer, and a refused request (4xx) leaves no claim behind. The same key with another
 * request is a 409.
 */
@ApplicationScoped
public class IdempotentAnswers {
  static final Duration LIFETIME = Duration.ofHours(24);

  @PersistenceContext EntityManager em;

  /** An answer: its status, its body (JSON text), its Location or null, and whether replayed. */
  public record Answer(int status, String body, String location, boolean replayed) {}

  /** The request a key is used for: who asks, the key, the method and path, the request's hash. */
  public record Request(String scope, String key, String route, String requestHash) {}

  /** The stored answer to an earlier identical request, or the answer {@code action} gives now. */
  @Transactional
  public Answer once(Request request, Supplier<Answer> action) {
    OffsetDateTime now = Timestamps.now();
    int claimed =
        em.createNativeQuery(
                "insert into idempotent_answer (scope, idem_key, route, request_hash, status, body,"
                    + " location, created_at, expires_at) values (?, ?, ?, ?, 0, '', null, ?, ?)"
                    + " on conflict (scope, idem_key, route) do update set"
                    + " request_hash = excluded.request_hash, status = 0, body = '', location = null,"
                    + " created_at = excluded.created_at, expires_at = excluded.expires_at"
                    + " where idempotent_answer.expires_at <= now()")
            .setParameter(1, request.scope())
            .setParameter(2, request.key())
            .setParameter(3, request.route())
            .setParameter(4, request.requestHash())
            .setParameter(5, now)
            .setParameter(6, now.plus(LIFETIME))
            .executeUpdate();
    if (claimed == 0) {
      return earlier(request);
    }
    Answer answer = action.get();
    em.createNativeQuery(
            "update idempotent_answer set status = ?, body = ?, location = ?"
                + " where scope = ? and idem_key = ? and route = ?")
        .setParameter(1, answer.status())
        .setParameter(2, answer.body())
        .setParameter(3, answer.location() == null ? "" : answer.location())
        .setParameter(4, request.scope())
        .setParameter(5, request.key())
        .setParameter(6, request.route())
        .executeUpdate();
    return answer;
  }

  private Answer earlier(Request request) {
    List<?> rows =
        em.createNativeQuery(
                "select request_hash, status, body, location from idempotent_answer"
                    + " where scope = ? and idem_key = ? and route = ?")
            .setParameter(1, request.scope())
            .setParameter(2, request.key())
            .setParameter(3, request.route())
            .getResultList();
    Object[] row = (Object[]) rows.get(0);
    if (!request.requestHash().equals(row[0])) {
      throw Refusal.conflict(
          "idempotency-key", "idempotency-key was already used for a different request");
    }
    String location = (String) row[3];
    return new Answer(
        ((Number) row[1]).intValue(),
        (String) row[2],
        location == null || location.isEmpty() ? null : location,
        true);
  }
}
