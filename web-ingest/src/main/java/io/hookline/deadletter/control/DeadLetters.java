package io.hookline.deadletter.control;

import io.hookline.app.control.Apps;
import io.hookline.delivery.entity.Delivery;
import io.hookline.delivery.entity.RecoveryTask;
import io.hookline.delivery.service.DeliveryService;
import io.hookline.endpoint.control.Endpoints;
import io.hookline.endpoint.entity.Endpoint;
import io.hookline.message.control.MessageIntake;
import io.hookline.message.entity.Message;
import io.hookline.platform.KeysetQuery;
import io.hookline.platform.ListPage;
import io.hookline.platform.Refusal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;

@ApplicationScoped
@Transactional
public class DeadLetters {
  @PersistenceContext EntityManager em;
  @Inject Apps apps;
  @Inject Endpoints endpoints;
  @Inject MessageIntake messages;
  @Inject DeliveryService delivery;

  /** One page of the app's dead deliveries, by delivery id (newest first unless asked). */
  public ListPage.Page<Delivery> list(String appRef, ListPage page) {
    return KeysetQuery.of(em, Delivery.class, "select d from Delivery d, Endpoint e")
        .where("e.id = d.endpointId")
        .where("e.appId = :appId", "appId", apps.find(appRef).getId())
        .where("d.status = io.hookline.delivery.entity.DeliveryStatus.DEAD")
        .page(page, "d.id", Delivery::getId);
  }

  /** Sends the message to the endpoint again; 409 once its payload's retention is over. */
  public Delivery resend(String appRef, String messageId, String endpointId) {
    Message message = messages.find(appRef, messageId);
    if (message.getPayload() == null) {
      throw Refusal.conflict(
          "msg_id",
          "message "
              + messageId
              + " has no payload any more: it was kept until "
              + message.getPayloadExpiresAt()
              + " (payloadRetentionPeriod), so it cannot be sent again");
    }
    return delivery.resend(message, enabledEndpoint(appRef, endpointId));
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
