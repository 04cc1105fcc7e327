package io.hookline.delivery.control;

import io.hookline.delivery.entity.Delivery;
import io.hookline.delivery.service.DeliveryService;
import io.hookline.endpoint.entity.Endpoint;
import io.hookline.message.entity.Message;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * {@link DeliveryService} over the fan-out and the resender, in the caller's transaction (a
 * recovery in transactions of its own).
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class DefaultDeliveryService implements DeliveryService {
  @Inject Fanout fanout;
  @Inject Resender resender;
  @Inject Event<EndpointDeleted> deleted;

  @Override
  public List<Delivery> fanOut(List<Message> messages, Map<String, Map<String, String>> traces) {
    return fanout.fanOut(messages, traces);
  }

  @Override
  public Delivery resend(Message message, Endpoint endpoint) {
    return resender.resend(message, endpoint);
  }

  /**
   * Batch after batch, each in a transaction of its own, so that no transaction holds more than
   * {@link #RECOVER_BATCH} rows locked, nor waits on as many in-flight tries.
   */
  @Override
  @Transactional(Transactional.TxType.NOT_SUPPORTED)
  public int recover(Endpoint endpoint, OffsetDateTime since, OffsetDateTime until) {
    int recovered = 0;
    String after = "";
    while (recovered < RECOVER_LIMIT) {
      Resender.Recovered batch =
          resender.recoverBatch(
              endpoint.getId(),
              since,
              until,
              after,
              Math.min(RECOVER_BATCH, RECOVER_LIMIT - recovered));
      if (batch.count() == 0) {
        break;
      }
      recovered += batch.count();
      after = batch.lastId();
    }
    return recovered;
  }

  @Override
  public void forget(String endpointId) {
    // Observed after the commit (DeliveryMetrics): a delete rolled back forgets nothing.
    deleted.fire(new EndpointDeleted(endpointId));
  }
}
