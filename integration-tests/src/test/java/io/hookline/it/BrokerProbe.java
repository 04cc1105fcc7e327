package io.hookline.it;

import io.hookline.devstack.ArtemisBroker;
import jakarta.jms.Message;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueRequestor;
import jakarta.jms.QueueSession;
import jakarta.jms.Session;
import org.apache.activemq.artemis.api.core.management.ResourceNames;
import org.apache.activemq.artemis.api.jms.management.JMSManagementHelper;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * The broker as an operator or a client outside Hookline sees it: queue counters and operations
 * through its management address, and messages sent to a queue.
 */
final class BrokerProbe {
  private BrokerProbe() {}

  static long messagesAdded(String queue) {
    return ((Number) attribute(queue, "messagesAdded")).longValue();
  }

  static long messageCount(String queue) {
    return ((Number) attribute(queue, "messageCount")).longValue();
  }

  static long consumerCount(String queue) {
    return ((Number) attribute(queue, "consumerCount")).longValue();
  }

  /** What the console's Remove does: the matching messages are deleted. */
  static long remove(String queue, String filter) {
    return ((Number) invoke(queue, "removeMessages", filter)).longValue();
  }

  /** Messages on the queue matching a selector. */
  static long count(String queue, String filter) {
    return ((Number) invoke(queue, "countMessages", filter)).longValue();
  }

  /** Messages matching a selector that a consumer holds and has not acknowledged yet. */
  static long delivering(String queue, String filter) {
    return ((Number) invoke(queue, "countDeliveringMessages", filter)).longValue();
  }

  /** Sends a text message with these properties to the queue, durable, and waits for the broker. */
  static void send(String queue, String body, java.util.Map<String, Object> properties) {
    try (ActiveMQConnectionFactory factory = factory();
        jakarta.jms.JMSContext jms = factory.createContext()) {
      jakarta.jms.JMSProducer producer = jms.createProducer();
      properties.forEach(producer::setProperty);
      producer.send(jms.createQueue(queue), body);
    }
  }

  /** What the console's Move does: the matching messages go to another queue. */
  static long move(String queue, String filter, String toQueue) {
    return ((Number) invoke(queue, "moveMessages", filter, toQueue)).longValue();
  }

  /**
   * What the console's Retry does for one message: it goes back to the address it died on (the
   * {@code _AMQ_ORIG_ADDRESS} Hookline sets on every dead letter).
   */
  static boolean retry(String queue, String filter) {
    Object[] listed = (Object[]) invoke(queue, "listMessages", filter);
    if (listed.length != 1) {
      throw new AssertionError(listed.length + " messages on " + queue + " match " + filter);
    }
    Number id = (Number) ((java.util.Map<?, ?>) listed[0]).get("messageID");
    return (Boolean) invoke(queue, "retryMessage", id.longValue());
  }

  private static Object attribute(String queue, String attribute) {
    return management(queue, attribute, null);
  }

  private static Object invoke(String queue, String operation, Object... args) {
    return management(queue, operation, args);
  }

  /** An attribute read when {@code args} is null, otherwise an operation. */
  private static Object management(String queue, String name, Object[] args) {
    try (ActiveMQConnectionFactory factory = factory();
        QueueConnection connection = factory.createQueueConnection();
        QueueSession session = connection.createQueueSession(false, Session.AUTO_ACKNOWLEDGE)) {
      connection.start();
      QueueRequestor requestor =
          new QueueRequestor(session, session.createQueue("activemq.management"));
      Message request = session.createMessage();
      if (args == null) {
        JMSManagementHelper.putAttribute(request, ResourceNames.QUEUE + queue, name);
      } else {
        JMSManagementHelper.putOperationInvocation(
            request, ResourceNames.QUEUE + queue, name, args);
      }
      Message reply = requestor.request(request);
      if (!JMSManagementHelper.hasOperationSucceeded(reply)) {
        throw new AssertionError(
            "broker management refused "
                + name
                + " of "
                + queue
                + ": "
                + JMSManagementHelper.getResult(reply));
      }
      return JMSManagementHelper.getResult(reply);
    } catch (Exception e) {
      throw new AssertionError("could not call " + name + " on " + queue, e);
    }
  }

  private static ActiveMQConnectionFactory factory() {
    ArtemisBroker.Settings broker = TestStack.broker().settings();
    return new ActiveMQConnectionFactory(
        "tcp://" + broker.host() + ":" + broker.port(), broker.user(), broker.password());
  }
}
