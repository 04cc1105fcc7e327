package io.hookline.delivery.throttle;

import io.hookline.app.entity.App;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The apps' throttleRate as this node last read it: a try reads it here rather than with a query of
 * its own, and an app's is read again a second after it was last read, so a change holds on every
 * node within about a second.
 */
@ApplicationScoped
public class AppRates {
  static final long FRESH_NANOS = 1_000_000_000L;

  /** Past this many apps the remembered rates are dropped and read again as tries need them. */
  static final int MAX_APPS = 10_000;

  private record Read(Integer rate, long atNanos) {}

  @PersistenceContext EntityManager em;

  private final ConcurrentHashMap<String, Read> reads = new ConcurrentHashMap<>();

  /**
   * The app's deliveries per second across its endpoints, or null when it has no limit (none set,
   * or 0).
   */
  public Integer of(String appId) {
    long now = System.nanoTime();
    Read read = reads.get(appId);
    if (read == null || now - read.atNanos() > FRESH_NANOS) {
      App app = em.find(App.class, appId);
      Integer rate = app == null ? null : app.getThrottleRate();
      read = new Read(rate == null || rate <= 0 ? null : rate, now);
      if (reads.size() >= MAX_APPS) {
        reads.clear();
      }
      reads.put(appId, read);
    }
    return read.rate();
  }
}
