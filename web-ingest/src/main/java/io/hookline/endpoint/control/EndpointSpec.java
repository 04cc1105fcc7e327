package io.hookline.endpoint.control;

import java.util.List;
import java.util.Map;

/**
 * What a client sets on an endpoint (everything but its secret and state).
 *
 * @param rateLimit deliveries per second at most, over all nodes; null for none
 * @param ordered deliveries in acceptance order, one at a time
 */
public record EndpointSpec(
    String url,
    String description,
    List<String> eventTypes,
    Map<String, String> headers,
    Integer rateLimit,
    boolean ordered) {}
