package io.hookline.endpoint.control;

import java.util.List;
import java.util.Map;

/**
 * What a client sets on an endpoint (everything but its secret and whether it is disabled).
 *
 * @param eventTypes the event types it receives (a trailing {@code .*} takes a prefix); empty for
 *     all
 * @param rateLimit deliveries per second at most, over all nodes (Svix's throttleRate); null for
 *     none
 * @param ordered deliveries in acceptance order, one at a time
 * @param uid the client's own name for the endpoint, unique in its app; or null
 * @param channels the channels it is on (at most 10); empty for none
 * @param metadata the client's strings about the endpoint
 */
public record EndpointSpec(
    String url,
    String description,
    List<String> eventTypes,
    Map<String, String> headers,
    Integer rateLimit,
    boolean ordered,
    String uid,
    List<String> channels,
    Map<String, String> metadata) {
  public EndpointSpec {
    channels = channels == null ? List.of() : channels;
    metadata = metadata == null ? Map.of() : metadata;
  }

  /** A spec with no uid, channels or metadata. */
  public EndpointSpec(
      String url,
      String description,
      List<String> eventTypes,
      Map<String, String> headers,
      Integer rateLimit,
      boolean ordered) {
    this(url, description, eventTypes, headers, rateLimit, ordered, null, List.of(), Map.of());
  }

  /** The same spec with another uid. */
  public EndpointSpec withUid(String uid) {
    return new EndpointSpec(
        url, description, eventTypes, headers, rateLimit, ordered, uid, channels, metadata);
  }
}
