package io.hookline.delivery.throttle;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Per-endpoint rate limits shared by every node: the bucket is a row, changed in a short
 * transaction of its own (not the delivery's, which lasts an HTTP call), timed by the database's
 * clock so nodes with skewed clocks still agree.
 */
@ApplicationScoped
public class RateLimits {
  @PersistenceContext EntityManager em;

  /**
   * Takes a token: zero when taken, otherwise how long to wait before trying again, spread over
   * {@code contenders} token periods ({@link TokenBucket#waitForTurn}).
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public Duration take(String endpointId, int rate, int contenders) {
    em.createNativeQuery(
            "insert into endpoint_rate (endpoint_id, tokens, refilled_at) values (?, ?, clock_timestamp()) on conflict do nothing")
        .setParameter(1, endpointId)
        .setParameter(2, (double) rate)
        .executeUpdate();
    Object[] row =
        (Object[])
            em.createNativeQuery(
                    "select tokens, extract(epoch from (clock_timestamp() - refilled_at)) from endpoint_rate where endpoint_id = ? for update")
                .setParameter(1, endpointId)
                .getSingleResult();
    // clock_timestamp(), not now(): now() is when this transaction began, possibly before another
    // one took its token and moved refilled_at on; reading it after the row lock, and moving
    // refilled_at on by exactly the time credited, never counts the same interval twice.
    double elapsedSeconds = Math.max(0, ((Number) row[1]).doubleValue());
    double tokens =
        TokenBucket.refill(
            ((Number) row[0]).doubleValue(), Duration.ofNanos((long) (elapsedSeconds * 1e9)), rate);
    Duration wait =
        TokenBucket.waitForTurn(tokens, rate, contenders, ThreadLocalRandom.current().nextDouble());
    if (wait.isZero()) {
      tokens -= 1;
    }
    em.createNativeQuery(
            "update endpoint_rate set tokens = ?, refilled_at = refilled_at + make_interval(secs => ?) where endpoint_id = ?")
        .setParameter(1, tokens)
        .setParameter(2, elapsedSeconds)
        .setParameter(3, endpointId)
        .executeUpdate();
    return wait;
  }
}
