package io.hookline.delivery.throttle;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Rate limits shared by every node: an endpoint's and its app's. Each bucket is a row, changed in a
 * short transaction of its own (not the delivery's, which lasts an HTTP call), timed by the
 * database's clock so nodes with skewed clocks still agree.
 */
@ApplicationScoped
public class RateLimits {
  @PersistenceContext EntityManager em;

  /** A bucket's row: its table, the column naming its owner, the owner, and its rate. */
  private record Bucket(String table, String key, String owner, int rate) {}

  /**
   * Takes a token from each limit that is set (a null rate: none): zero when every one had a token
   * and they were taken, otherwise how long to wait before trying again, spread over {@code
   * contenders} token periods ({@link TokenBucket#waitForAll}); then none is taken. The app's row
   * is locked before the endpoint's, always, so two tries never wait on each other's rows.
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public Duration take(
      String endpointId, Integer endpointRate, String appId, Integer appRate, int contenders) {
    List<Bucket> buckets = new ArrayList<>(2);
    if (appRate != null) {
      buckets.add(new Bucket("app_rate", "app_id", appId, appRate));
    }
    if (endpointRate != null) {
      buckets.add(new Bucket("endpoint_rate", "endpoint_id", endpointId, endpointRate));
    }
    double[] tokens = new double[buckets.size()];
    double[] elapsed = new double[buckets.size()];
    int[] rates = new int[buckets.size()];
    for (int i = 0; i < buckets.size(); i++) {
      Bucket bucket = buckets.get(i);
      em.createNativeQuery(
              "insert into "
                  + bucket.table()
                  + " ("
                  + bucket.key()
                  + ", tokens, refilled_at) values (?, ?, clock_timestamp()) on conflict do nothing")
          .setParameter(1, bucket.owner())
          .setParameter(2, (double) bucket.rate())
          .executeUpdate();
      Object[] row =
          (Object[])
              em.createNativeQuery(
                      "select tokens, extract(epoch from (clock_timestamp() - refilled_at)) from "
                          + bucket.table()
                          + " where "
                          + bucket.key()
                          + " = ? for update")
                  .setParameter(1, bucket.owner())
                  .getSingleResult();
      // clock_timestamp(), not now(): now() is when this transaction began, possibly before
      // another one took its token and moved refilled_at on; reading it after the row lock, and
      // moving refilled_at on by exactly the time credited, never counts the same interval twice.
      elapsed[i] = Math.max(0, ((Number) row[1]).doubleValue());
      rates[i] = bucket.rate();
      tokens[i] =
          TokenBucket.refill(
              ((Number) row[0]).doubleValue(),
              Duration.ofNanos((long) (elapsed[i] * 1e9)),
              bucket.rate());
    }
    Duration wait =
        TokenBucket.waitForAll(tokens, rates, contenders, ThreadLocalRandom.current().nextDouble());
    for (int i = 0; i < buckets.size(); i++) {
      Bucket bucket = buckets.get(i);
      em.createNativeQuery(
              "update "
                  + bucket.table()
                  + " set tokens = ?, refilled_at = refilled_at + make_interval(secs => ?) where "
                  + bucket.key()
                  + " = ?")
          .setParameter(1, wait.isZero() ? tokens[i] - 1 : tokens[i])
          .setParameter(2, elapsed[i])
          .setParameter(3, bucket.owner())
          .executeUpdate();
    }
    return wait;
  }
}
