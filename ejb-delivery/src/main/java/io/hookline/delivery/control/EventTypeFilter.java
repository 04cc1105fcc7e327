package io.hookline.delivery.control;

import java.util.List;

/** Which event types an endpoint wants. No filter means all; {@code invoice.*} means a prefix. */
public final class EventTypeFilter {
  private EventTypeFilter() {}

  public static boolean accepts(List<String> filters, String eventType) {
    if (filters.isEmpty()) {
      return true;
    }
    for (String filter : filters) {
      if (filter.equals(eventType)) {
        return true;
      }
      if (filter.endsWith(".*") && eventType.startsWith(filter.substring(0, filter.length() - 1))) {
        return true;
      }
    }
    return false;
  }
}
