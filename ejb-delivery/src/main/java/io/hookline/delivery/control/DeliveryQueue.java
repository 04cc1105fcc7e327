package io.hookline.delivery.control;

import io.hookline.delivery.entity.Delivery;
import io.hookline.runtime.Resources;
import io.hookline.runtime.Tracing;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.Queue;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Puts delivery work on the broker. A message names a delivery row (or a batch of rows, all to one
 * endpoint) and the try it is for, and nothing more: the rows hold the state, so a lost, late or
 * repeated message is harmless.
 */
@ApplicationScoped
public class DeliveryQueue {
  static final String MESSAGE_ID = "hooklineMessageId";
  static final String ENDPOINT_ID = "hooklineEndpointId";

  /** The try a message is for, from 1. */
  public static final String ATTEMPT = "hooklineAttempt";

  /** Set on an ordered endpoint's delivery: it waits its turn, so it skips the busy check. */
  public static final String ORDERED = "hooklineOrdered";

  static final String DELIVERY_ID = "hooklineDeliveryId";

  /** On a message naming several deliveries: how many. */
  static final String BATCH_SIZE = "hooklineBatchSize";

  static final String BUSY_ROUNDS = "hooklineBusyRounds";

  /**
   * On a batch whose deliveries continue different traces: each one's ({@link DeliveryTraces}).
   * Without it, every delivery of the message continues the message's own trace.
   */
  static final String TRACES = "hooklineTraces";

  /** Marks a dead letter; one that comes back to the delivery queue asks for a new round. */
  public static final String DEAD_LETTER = "hooklineDeadLetter";

  /**
   * A context per operation, not an injected JMSContext: the container's injectable context
   * synchronises every call on one lock per injection point, and in this application-scoped bean
   * that lock (held across the XA start round trip to the broker) serialised all sends of the node.
   */
  @Resource(lookup = Resources.CONNECTION_FACTORY)
  ConnectionFactory connections;

  @Inject Tracing tracing;

  @Resource(lookup = Resources.DELIVERY_QUEUE)
  Queue deliveries;

  @Resource(lookup = Resources.DEAD_LETTER_QUEUE)
  Queue deadLetters;

  /** The most deliveries one JMS message names; 1 sends each on its own. */
  @Inject
  @ConfigProperty(name = "hookline.delivery.batch-size", defaultValue = "50")
  int batchSize;

  /**
   * Queues try {@code attempt} of the delivery, due after {@code wait} (Artemis holds it until
   * then). Sent within the caller's JTA transaction: it exists only if the rows commit.
   */
  public void enqueue(Delivery delivery, int attempt, Duration wait) {
    enqueueAll(List.of(delivery), attempt, wait);
  }

  /** As {@link #enqueue} for each, over one connection. */
  public void enqueueAll(List<Delivery> deliveries, int attempt, Duration wait) {
    Map<String, String> trace = tracing.current();
    enqueueAll(deliveries, attempt, wait, delivery -> trace);
  }

  /**
   * As {@link #enqueueAll(List, int, Duration)}, each continuing the trace {@code traceOf} gives it
   * (sends accepted together in one transaction came from different requests). Deliveries to one
   * endpoint share a JMS message, up to {@code hookline.delivery.batch-size} of them, whatever
   * traces they continue: the consumer then tries them in one transaction, which is what lets
   * delivery keep up with ingest. An ordered endpoint's deliveries go one a message, each waiting
   * its turn behind the one before.
   */
  public void enqueueAll(
      List<Delivery> deliveries,
      int attempt,
      Duration wait,
      Function<Delivery, Map<String, String>> traceOf) {
    if (deliveries.isEmpty()) {
      return;
    }
    List<List<Delivery>> batches =
        Batches.of(
            deliveries, Delivery::getEndpointId, delivery -> delivery.getSeq() != null, batchSize);
    try (JMSContext jms = connections.createContext()) {
      for (List<Delivery> batch : batches) {
        send(jms, batch, attempt, wait, batch.stream().map(traceOf).toList());
      }
    }
  }

  /**
   * As {@link #enqueue} for each, one JMS message each, over one connection, each continuing the
   * trace {@code traceOf} gives it.
   */
  public void enqueueEach(
      List<Delivery> deliveries,
      int attempt,
      Duration wait,
      Function<Delivery, Map<String, String>> traceOf) {
    try (JMSContext jms = connections.createContext()) {
      for (Delivery delivery : deliveries) {
        send(
            jms,
            List.of(delivery),
            attempt,
            wait,
            Collections.singletonList(traceOf.apply(delivery)));
      }
    }
  }

  /**
   * Queues a batch's message again as it was, after {@code wait}, without reading its rows: the
   * endpoint had no free slot on this node. {@code busyRounds} says how often that has happened to
   * it; the caller waits longer each time.
   *
   * @param traces each delivery's trace, by id, as the message carried them; null when they all
   *     continue the current one
   */
  public void requeueBatch(
      List<String> deliveryIds,
      String endpointId,
      String messageId,
      int attempt,
      int busyRounds,
      Duration wait,
      Map<String, Map<String, String>> traces) {
    List<Map<String, String>> each =
        traces == null
            ? List.of(tracing.current())
            : deliveryIds.stream().map(traces::get).toList();
    try (JMSContext jms = connections.createContext()) {
      producer(jms, endpointId, messageId, deliveryIds.size(), attempt, wait, each)
          .setProperty(BUSY_ROUNDS, busyRounds)
          .send(this.deliveries, String.join(",", deliveryIds));
    }
  }

  /**
   * Each delivery's trace, by id, when the message's deliveries continue different ones; null when
   * they all continue the message's own.
   */
  public static Map<String, Map<String, String>> traces(
      jakarta.jms.Message message, List<String> deliveryIds) throws jakarta.jms.JMSException {
    String text = message.getStringProperty(TRACES);
    List<Map<String, String>> each =
        text == null ? null : DeliveryTraces.decode(text, deliveryIds.size());
    if (each == null) {
      return null;
    }
    Map<String, Map<String, String>> byId = new HashMap<>();
    for (int i = 0; i < deliveryIds.size(); i++) {
      byId.put(deliveryIds.get(i), each.get(i));
    }
    return byId;
  }

  /** How often a batch's message found its endpoint busy and was queued again as it was. */
  public static int busyRounds(jakarta.jms.Message message) throws jakarta.jms.JMSException {
    return message.propertyExists(BUSY_ROUNDS) ? message.getIntProperty(BUSY_ROUNDS) : 0;
  }

  /** Whether the message is an ordered endpoint's delivery, which waits its turn. */
  public static boolean ordered(jakarta.jms.Message message) throws jakarta.jms.JMSException {
    return message.propertyExists(ORDERED) && message.getBooleanProperty(ORDERED);
  }

  /** The message a single delivery's message names, or null when it does not say. */
  public static String messageId(jakarta.jms.Message message) throws jakarta.jms.JMSException {
    return message.getStringProperty(MESSAGE_ID);
  }

  /** The endpoint a message's deliveries are to, or null when it does not say. */
  public static String endpointId(jakarta.jms.Message message) throws jakarta.jms.JMSException {
    return message.getStringProperty(ENDPOINT_ID);
  }

  /** The delivery ids a message's body names: one, or a batch's, comma-separated. */
  public static List<String> deliveryIds(String body) {
    return List.of(body.split(","));
  }

  /**
   * One message for the batch; a single delivery's also names its message, for selectors.
   *
   * @param traces the trace each delivery continues, in order
   */
  private void send(
      JMSContext jms,
      List<Delivery> batch,
      int attempt,
      Duration wait,
      List<Map<String, String>> traces) {
    Delivery first = batch.get(0);
    JMSProducer producer =
        producer(
            jms, first.getEndpointId(), first.getMessageId(), batch.size(), attempt, wait, traces);
    if (first.getSeq() != null) {
      // An ordered endpoint's delivery, always alone in its message.
      producer.setProperty(ORDERED, true);
    }
    producer.send(
        this.deliveries, batch.stream().map(Delivery::getId).collect(Collectors.joining(",")));
  }

  /**
   * @param messageId the message of a single delivery, for operators' selectors; ignored for a
   *     batch, whose deliveries are of several messages
   * @param traces the trace each delivery continues, in order; or one for them all
   */
  private static JMSProducer producer(
      JMSContext jms,
      String endpointId,
      String messageId,
      int deliveries,
      int attempt,
      Duration wait,
      List<Map<String, String>> traces) {
    JMSProducer producer =
        jms.createProducer()
            .setDeliveryDelay(wait.toMillis())
            .setProperty(ENDPOINT_ID, endpointId)
            .setProperty(ATTEMPT, attempt);
    if (deliveries == 1) {
      producer.setProperty(MESSAGE_ID, messageId);
    } else {
      producer.setProperty(BATCH_SIZE, deliveries);
    }
    // The trace goes on in the listener: the request that accepted the message, or the try
    // that scheduled this retry. The message carries its first delivery's; the others' go along
    // when they differ.
    Map<String, String> first = traces.get(0);
    if (first != null) {
      first.forEach(producer::setProperty);
    }
    if (traces.stream().anyMatch(trace -> !Objects.equals(trace, first))) {
      producer.setProperty(TRACES, DeliveryTraces.encode(traces));
    }
    return producer;
  }

  /**
   * Records a dead delivery on the dead-letter queue, in the transaction that marks it dead. The
   * original-address properties let the Artemis console's Retry send it back to the delivery queue,
   * where it starts a new round (see {@link Deliverer}).
   */
  public void deadLetter(Delivery delivery, String reason) {
    try (JMSContext jms = connections.createContext()) {
      jms.createProducer()
          .setProperty(MESSAGE_ID, delivery.getMessageId())
          .setProperty(ENDPOINT_ID, delivery.getEndpointId())
          .setProperty(DELIVERY_ID, delivery.getId())
          .setProperty(ATTEMPT, delivery.getAttemptCount())
          .setProperty(DEAD_LETTER, true)
          .setProperty("hooklineReason", reason)
          .setProperty("_AMQ_ORIG_ADDRESS", Resources.DELIVERY_ADDRESS)
          .setProperty("_AMQ_ORIG_QUEUE", Resources.DELIVERY_ADDRESS)
          .send(deadLetters, delivery.getId());
    }
  }

  /** Takes a resent delivery's entry off the dead-letter queue, if it is still there. */
  public void removeDeadLetter(String deliveryId) {
    removeDeadLetters(List.of(deliveryId));
  }

  /**
   * Takes resent deliveries' entries off the dead-letter queue, those still there: one consumer,
   * and so one pass of the queue, per {@link DeadLetterSelector#MAX_IDS} ids, not one per delivery.
   * Within the caller's transaction: the entries go when it commits.
   */
  public void removeDeadLetters(java.util.Collection<String> deliveryIds) {
    List<String> selectors = DeadLetterSelector.of(DELIVERY_ID, deliveryIds);
    if (selectors.isEmpty()) {
      return;
    }
    try (JMSContext jms = connections.createContext()) {
      for (String selector : selectors) {
        try (JMSConsumer consumer = jms.createConsumer(deadLetters, selector)) {
          while (consumer.receiveNoWait() != null) {
            // Each receive within the transaction removes one entry when it commits.
          }
        }
      }
    }
  }
}
