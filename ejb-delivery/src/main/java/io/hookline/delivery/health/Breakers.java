package io.hookline.delivery.health;

import io.hookline.endpoint.entity.EndpointHealth;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Each endpoint's circuit breaker, kept in PostgreSQL so every node sees the same state and it
 * survives restarts. The transitions are {@link EndpointHealth}'s; this does the shared-row parts.
 */
@ApplicationScoped
public class Breakers {
  @PersistenceContext EntityManager em;
  @Inject HealthRows rows;
  @Inject QuietSuccesses quietSuccesses;

  @Inject
  @ConfigProperty(name = "hookline.breaker.failure-threshold", defaultValue = "5")
  int failureThreshold;

  @Inject
  @ConfigProperty(name = "hookline.breaker.cool-down", defaultValue = "PT60S")
  Duration coolDown;

  @Inject
  @ConfigProperty(name = "hookline.breaker.probe-timeout", defaultValue = "PT30S")
  Duration probeTimeout;

  @Inject
  @ConfigProperty(name = "hookline.breaker.window", defaultValue = "PT1H")
  Duration window;

  @Inject
  @ConfigProperty(name = "hookline.breaker.give-up-after", defaultValue = "P5D")
  Duration giveUpAfter;

  private EndpointHealth.Settings settings;

  @PostConstruct
  void init() {
    settings =
        new EndpointHealth.Settings(failureThreshold, coolDown, probeTimeout, window, giveUpAfter);
  }

  public EndpointHealth.Settings settings() {
    return settings;
  }

  /** The endpoint's health row, made on first use. */
  @Transactional(Transactional.TxType.MANDATORY)
  public EndpointHealth of(String endpointId) {
    EndpointHealth health = em.find(EndpointHealth.class, endpointId);
    if (health == null) {
      rows.create(endpointId);
      health = em.find(EndpointHealth.class, endpointId);
    }
    return health;
  }

  /**
   * Makes this delivery the probe of an open breaker. False when another delivery, on any node, is
   * probing or has just closed it: SKIP LOCKED never waits for that one's HTTP call.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public boolean claimProbe(String endpointId, OffsetDateTime now) {
    int claimed =
        em.createNativeQuery(
                "update endpoint_health set state = 'HALF_OPEN', probe_started_at = ? where endpoint_id ="
                    + " (select endpoint_id from endpoint_health where endpoint_id = ?"
                    + " and ((state = 'OPEN' and opened_at <= ?)"
                    + " or (state = 'HALF_OPEN' and (probe_started_at is null or probe_started_at <= ?)))"
                    + " for update skip locked)")
            .setParameter(1, now)
            .setParameter(2, endpointId)
            .setParameter(3, now.minus(settings.coolDown()))
            .setParameter(4, now.minus(settings.probeTimeout()))
            .executeUpdate();
    return claimed == 1;
  }

  /**
   * Records a try's outcome and says what changed. A success on a row that was quiet when this
   * delivery read it is only counted ({@link QuietSuccesses}); anything else is recorded on the
   * locked, freshly read row.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public EndpointHealth.Change record(
      EndpointHealth health, boolean success, long latencyMs, OffsetDateTime now) {
    if (success && health.isQuiet()) {
      quietSuccesses.record(health.getEndpointId(), latencyMs, now);
      return EndpointHealth.Change.NONE;
    }
    em.refresh(health, LockModeType.PESSIMISTIC_WRITE);
    return health.record(success, latencyMs, now, settings);
  }
}
