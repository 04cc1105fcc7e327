package io.hookline.delivery.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/**
 * Makes an endpoint's health row in a transaction of its own. Inside a delivery's long transaction
 * the new row would stay uncommitted for a whole HTTP call, and every other first try to that
 * endpoint would wait on it, holding a consumer.
 */
@ApplicationScoped
public class HealthRows {
  @PersistenceContext EntityManager em;

  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void create(String endpointId) {
    em.createNativeQuery(
            "insert into endpoint_health (endpoint_id, state) values (?, 'CLOSED') on conflict do nothing")
        .setParameter(1, endpointId)
        .executeUpdate();
  }
}
