package io.hookline.deadletter.control;

import io.hookline.app.control.Apps;
import io.hookline.delivery.entity.Delivery;
import io.hookline.delivery.entity.RecoveryTask;
import io.hookline.delivery.service.DeliveryService;
import io.hookline.endpoint.control.Endpoints;
import io.hookline.endpoint.entity.Endpoint;
import io.hookline.message.control.MessageIntake;
import io.hookline.platform.Refusal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.List;

@ApplicationScoped
@Transactional
public class DeadLetters {
  @PersistenceContext EntityManager em;
  @Inject Apps apps;
  @Inject Endpoints endpoints;
  @Inject MessageIntake messages;
  @Inject DeliveryService delivery;

  /** The app's dead deliveries, newest first, older than the delivery id {@code before}. */
  public List<Delivery> list(String appRef, String before, int limit) {
    String appId = apps.find(appRef).getId();
    return em.createNamedQuery(Delivery.DEAD_BY_APP_BEFORE, Delivery.class)
        .setParameter("appId", appId)
        .setParameter("before", before == null ? "~" : before)
        .setMaxResults(limit)
        .getResultList();
  }

  public Delivery resend(String appRef, String messageId, String endpointId) {
    return delivery.resend(messages.find(appRef, messageId), enabledEndpoint(appRef, endpointId));
  }

  /**
   * Starts a recovery of the endpoint's dead and failing deliveries (or answers the one running, or
   * the one this request's key made); see DeliveryService.
   */
  public RecoveryTask recover(
      String appRef,
      String endpointId,
      OffsetDateTime since,
      OffsetDateTime until,
      String requestKey) {
    return delivery.recover(enabledEndpoint(appRef, endpointId), since, until, requestKey);
  }

  /**
   * A recovery task by its id; another app's is not found for an app's caller.
   *
   * @param callerAppId the app of the caller's token; null for the admin
   */
  public RecoveryTask recovery(String taskId, String callerAppId) {
    RecoveryTask task = delivery.recovery(taskId);
    if (task == null || (callerAppId != null && !callerAppId.equals(task.getAppId()))) {
      throw Refusal.notFound("background task", taskId);
    }
    return task;
  }

  private Endpoint enabledEndpoint(String appRef, String endpointId) {
    Endpoint endpoint = endpoints.find(appRef, endpointId);
    if (!endpoint.isEnabled()) {
      throw Refusal.conflict(
          "endpoint",
          "endpoint "
              + endpointId
              + " is disabled ("
              + endpoint.getDisabledReason()
              + "); enable it first");
    }
    return endpoint;
  }
}
