package io.hookline.delivery.boundary;

import io.hookline.delivery.control.ConsumerPriority;
import io.hookline.delivery.control.Deliverer;
import io.hookline.delivery.control.DeliveryQueue;
import io.hookline.delivery.control.DeliveryTurns;
import io.hookline.runtime.Resources;
import io.hookline.runtime.Tracing;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJBException;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import java.util.List;

/**
 * Reads the delivery id (or a batch's ids) and the try it is for, and hands them to {@link
 * DeliveryTurns}, which runs them in {@link Deliverer}'s transactions. A failed try schedules the
 * next itself; only an unexpected error (the database down, an outcome the database refuses)
 * throws, rolls back, and has Artemis redeliver after the delay set in broker.xml, a bounded number
 * of times for one delivery (see DeliveryTurns).
 *
 * <p>The message is taken outside any transaction: the rows are the state, and the service commits
 * them in a transaction of the database alone, after which the resource adapter acknowledges the
 * message; an exception gives it back instead. A crash between the two repeats the message, which
 * the row, already settled or on a later try, turns away. With the broker in the transaction each
 * delivery paid a two-phase commit: four blocking calls to the broker, two of its journal syncs and
 * the transaction log's write. The broker still joins the service's transaction, in two phases,
 * when a try queues a message (a retry, the rest of a batch).
 */
@MessageDriven(
    activationConfig = {
      @ActivationConfigProperty(
          propertyName = "resourceAdapter",
          propertyValue = Resources.RESOURCE_ADAPTER),
      @ActivationConfigProperty(
          propertyName = "destinationType",
          propertyValue = "jakarta.jms.Queue"),
      @ActivationConfigProperty(
          propertyName = "destination",
          propertyValue = Resources.DELIVERY_ADDRESS),
      @ActivationConfigProperty(propertyName = "useJNDI", propertyValue = "false"),
      @ActivationConfigProperty(
          propertyName = "maxSession",
          propertyValue = "${ENV=HOOKLINE_DELIVERY_CONSUMERS:16}"),
      @ActivationConfigProperty(
          propertyName = "connectorClassName",
          propertyValue = Resources.CONNECTORS),
      @ActivationConfigProperty(
          propertyName = "connectionParameters",
          propertyValue = Resources.BROKER_ADDRESSES),
      // Follows the pair's topology: when the primary goes, the consumers move to the backup.
      @ActivationConfigProperty(propertyName = "HA", propertyValue = "true"),
      @ActivationConfigProperty(
          propertyName = "callTimeout",
          propertyValue = Resources.BROKER_CALL_TIMEOUT_MS),
      @ActivationConfigProperty(
          propertyName = "callFailoverTimeout",
          propertyValue = Resources.BROKER_CALL_TIMEOUT_MS),
      @ActivationConfigProperty(
          propertyName = "user",
          propertyValue = "${ENV=HOOKLINE_ARTEMIS_USER:hookline}"),
      @ActivationConfigProperty(
          propertyName = "password",
          propertyValue = "${ENV=HOOKLINE_ARTEMIS_PASSWORD:hookline}"),
      // No prefetch: a message buffered by a session stuck on a slow subscriber would wait for
      // it, whoever it is for.
      @ActivationConfigProperty(propertyName = "consumerWindowSize", propertyValue = "0"),
      @ActivationConfigProperty(propertyName = "setupAttempts", propertyValue = "-1"),
      @ActivationConfigProperty(propertyName = "setupInterval", propertyValue = "2000")
    })
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DeliveryListener implements MessageListener {
  @Inject DeliveryTurns deliveries;
  @Inject Tracing tracing;
  @Inject ConsumerPriority priority;

  @Override
  public void onMessage(Message message) {
    // The resource adapter's thread, lowered once: a step outside the EJB rule of leaving threads
    // to the container, taken because ingest must win the cores from deliveries under load.
    priority.applyToCurrentThread();
    Span span =
        tracing.start("hookline.deliveries process", SpanKind.CONSUMER, Tracing.carrier(message));
    Tracing.within(span, () -> deliver(message, span));
  }

  private void deliver(Message message, Span span) {
    try {
      List<String> deliveryIds = DeliveryQueue.deliveryIds(message.getBody(String.class));
      int attempt =
          message.propertyExists(DeliveryQueue.ATTEMPT)
              ? message.getIntProperty(DeliveryQueue.ATTEMPT)
              : 0;
      boolean revived =
          message.propertyExists(DeliveryQueue.DEAD_LETTER)
              && message.getBooleanProperty(DeliveryQueue.DEAD_LETTER);
      span.setAttribute("messaging.system", "activemq");
      span.setAttribute("messaging.destination.name", Resources.DELIVERY_ADDRESS);
      span.setAttribute("hookline.attempt", attempt);
      if (deliveryIds.size() == 1) {
        span.setAttribute("hookline.delivery_id", deliveryIds.get(0));
        deliveries.attempt(
            deliveryIds.get(0),
            DeliveryQueue.endpointId(message),
            DeliveryQueue.messageId(message),
            DeliveryQueue.ordered(message),
            attempt,
            DeliveryQueue.busyRounds(message),
            revived);
      } else {
        span.setAttribute("hookline.batch_size", deliveryIds.size());
        deliveries.attemptBatch(
            DeliveryQueue.endpointId(message),
            deliveryIds,
            attempt,
            DeliveryQueue.busyRounds(message),
            message.getJMSRedelivered(),
            DeliveryQueue.traces(message, deliveryIds));
      }
    } catch (JMSException e) {
      throw new EJBException("unreadable delivery message " + message, e);
    }
  }
}
