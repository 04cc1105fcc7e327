package io.hookline.ops;

import io.hookline.runtime.Resources;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.TemporaryQueue;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.Readiness;

/**
 * Hookline's queues as Artemis counts them, asked over its management address with plain JMS (the
 * request names a queue and an attribute; the reply's body is a JSON array holding the value). Read
 * at most every few seconds, however often metrics are scraped and readiness probed.
 */
@ApplicationScoped
public class QueueStats {
  public static final List<String> QUEUES =
      List.of(Resources.DELIVERY_ADDRESS, Resources.DEAD_LETTER_ADDRESS);

  /** One queue's figures; -1 where the broker did not answer. */
  public record Figures(long messages, long consumers) {}

  @Resource(lookup = Resources.CONNECTION_FACTORY)
  ConnectionFactory connections;

  @Inject @Readiness BrokerReadiness broker;

  @Inject
  @ConfigProperty(name = "hookline.ops.queue-stats-max-age", defaultValue = "PT5S")
  Duration maxAge;

  private volatile Map<String, Figures> last = Map.of();
  private volatile long readAt;
  private volatile String failure;

  /** Every queue's figures, or an empty map while the broker does not answer. */
  public Map<String, Figures> figures() {
    if (System.nanoTime() - readAt > maxAge.toNanos()) {
      refresh();
    }
    return last;
  }

  /** Why the last read failed, or null. */
  public String failure() {
    return failure;
  }

  private synchronized void refresh() {
    if (System.nanoTime() - readAt <= maxAge.toNanos()) {
      return;
    }
    // A broker that is down would hold a JMS call for the resource adapter's reconnect time:
    // a TCP check first answers at once. After a broker restart the first pooled connection
    // may be a dead one: one more try takes a fresh one.
    String unreachable = broker.unreachable();
    if (unreachable != null) {
      last = Map.of();
      failure = "broker " + unreachable;
    } else if (!read() && !read()) {
      last = Map.of();
    }
    readAt = System.nanoTime();
  }

  /** Reads every queue's figures; false, with the reason in {@code failure}, when it cannot. */
  private boolean read() {
    Map<String, Figures> read = new LinkedHashMap<>();
    try (JMSContext context = connections.createContext(JMSContext.AUTO_ACKNOWLEDGE)) {
      TemporaryQueue replies = context.createTemporaryQueue();
      try (JMSConsumer answers = context.createConsumer(replies)) {
        for (String queue : QUEUES) {
          read.put(
              queue,
              new Figures(
                  ask(context, replies, answers, queue, "messageCount"),
                  ask(context, replies, answers, queue, "consumerCount")));
        }
      }
      last = read;
      failure = null;
      return true;
    } catch (JMSRuntimeException | JMSException | IllegalStateException e) {
      failure = e.getClass().getSimpleName() + ": " + e.getMessage();
      return false;
    }
  }

  private static long ask(
      JMSContext context,
      TemporaryQueue replies,
      JMSConsumer answers,
      String queue,
      String attribute)
      throws JMSException {
    Message request = context.createMessage();
    request.setStringProperty("_AMQ_ResourceName", "queue." + queue);
    request.setStringProperty("_AMQ_Attribute", attribute);
    context
        .createProducer()
        .setJMSReplyTo(replies)
        .send(context.createQueue("activemq.management"), request);
    Message reply = answers.receive(2000);
    if (reply == null) {
      throw new IllegalStateException("the broker did not answer for " + queue + " " + attribute);
    }
    if (!reply.getBooleanProperty("_AMQ_OperationSucceeded")) {
      throw new IllegalStateException(
          "the broker refused " + attribute + " of " + queue + ": " + reply.getBody(String.class));
    }
    // A JSON array with one number, such as [42].
    String body = reply.getBody(String.class).replaceAll("[\\[\\]\\s\"]", "");
    return Long.parseLong(body);
  }
}
