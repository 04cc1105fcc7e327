package io.hookline.delivery.control;

import io.hookline.delivery.entity.Delivery;
import io.hookline.endpoint.entity.Endpoint;
import io.hookline.message.entity.Message;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns accepted messages into one delivery per matching endpoint. A JMS message never names
 * deliveries to two endpoints ({@link DeliveryQueue}), so one endpoint's failures never cause a
 * re-send to the others.
 */
@ApplicationScoped
public class Fanout {
  @PersistenceContext EntityManager em;
  @Inject DeliveryQueue queue;
  @Inject OrderedDeliveries ordered;

  /**
   * The deliveries of messages already flushed, of one app or several (a group of single sends),
   * each continuing the trace of the request that sent it ({@code traces} by message id; null: the
   * current trace for all). The endpoints of all their apps are read in one query and every
   * delivery is written in one batch and queued over one connection, however many apps the group
   * spans.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public List<Delivery> fanOut(List<Message> messages, Map<String, Map<String, String>> traces) {
    if (messages.isEmpty()) {
      return List.of();
    }
    Map<String, List<Endpoint>> endpointsByApp =
        em
            .createNamedQuery(Endpoint.ENABLED_BY_APPS, Endpoint.class)
            .setParameter("appIds", messages.stream().map(Message::getAppId).distinct().toList())
            .getResultList()
            .stream()
            .collect(Collectors.groupingBy(Endpoint::getAppId));
    List<Delivery> deliveries = new ArrayList<>();
    List<Endpoint> matched = new ArrayList<>();
    for (Message message : messages) {
      for (Endpoint endpoint : endpointsByApp.getOrDefault(message.getAppId(), List.of())) {
        if (EventTypeFilter.accepts(endpoint.getEventTypes(), message.getEventType())
            && ChannelFilter.accepts(endpoint.getChannels(), message.getChannels())) {
          deliveries.add(new Delivery(message.getId(), endpoint.getId()));
          matched.add(endpoint);
        }
      }
    }
    // Every ordered endpoint locked at once, in id order, then numbered in message order.
    ordered.lockEndpoints(
        matched.stream().filter(Endpoint::isOrdered).map(Endpoint::getId).distinct().toList());
    java.util.Iterator<Long> seqs =
        ordered.nextSeqs((int) matched.stream().filter(Endpoint::isOrdered).count()).iterator();
    for (int i = 0; i < deliveries.size(); i++) {
      if (matched.get(i).isOrdered()) {
        deliveries.get(i).setSeq(seqs.next());
      }
      em.persist(deliveries.get(i));
    }
    if (traces == null) {
      queue.enqueueAll(deliveries, 1, Duration.ZERO);
    } else {
      queue.enqueueAll(deliveries, 1, Duration.ZERO, d -> traces.get(d.getMessageId()));
    }
    return deliveries;
  }
}
