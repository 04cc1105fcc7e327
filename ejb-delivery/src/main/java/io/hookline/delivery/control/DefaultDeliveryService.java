package io.hookline.delivery.control;

import io.hookline.delivery.entity.Delivery;
import io.hookline.delivery.entity.RecoveryTask;
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
 * recovery in transactions of its own, as a task).
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class DefaultDeliveryService implements DeliveryService {
  @Inject Fanout fanout;
  @Inject Resender resender;
  @Inject Recoveries recoveries;
  @Inject RecoveryRunner runner;
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
   * Makes the task (or finds the one the request's key made, or the one running on the endpoint)
   * and runs a new task's first batch on this thread, so that a small recovery answers finished;
   * every node's {@link RecoveryRunner} goes on with the rest, a batch per transaction, so that no
   * transaction holds more than a batch of rows locked, nor waits on as many in-flight tries. The
   * task commits before its first batch runs, and a failed first batch is counted on the task, not
   * thrown: the caller's answer is the task either way.
   */
  @Override
  @Transactional(Transactional.TxType.NOT_SUPPORTED)
  public RecoveryTask recover(
      Endpoint endpoint, OffsetDateTime since, OffsetDateTime until, String requestKey) {
    Recoveries.Started started = recoveries.start(endpoint, since, until, requestKey);
    if (started.created()) {
      runner.stepOnce(started.taskId());
    }
    return recoveries.find(started.taskId());
  }

  @Override
  @Transactional(Transactional.TxType.NOT_SUPPORTED)
  public RecoveryTask recovery(String taskId) {
    return recoveries.find(taskId);
  }

  @Override
  public void forget(String endpointId) {
    // Observed after the commit (DeliveryMetrics): a delete rolled back forgets nothing.
    deleted.fire(new EndpointDeleted(endpointId));
  }
}
