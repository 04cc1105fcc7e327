package io.hookline.delivery.control;

import java.util.List;

/**
 * Which messages an endpoint gets by channel, as Svix routes them: an endpoint without channels
 * gets every message; an endpoint with channels gets only the messages that carry one of them (a
 * message without channels does not reach it).
 */
public final class ChannelFilter {
  private ChannelFilter() {}

  public static boolean accepts(List<String> endpointChannels, List<String> messageChannels) {
    if (endpointChannels == null || endpointChannels.isEmpty()) {
      return true;
    }
    for (String channel : messageChannels) {
      if (endpointChannels.contains(channel)) {
        return true;
      }
    }
    return false;
  }
}
