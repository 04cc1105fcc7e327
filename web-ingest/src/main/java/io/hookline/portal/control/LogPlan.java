package io.hookline.portal.control;

/**
 * How the portal's log reads a page, chosen so that no request walks an app's whole history:
 *
 * <ul>
 *   <li>{@link Way#MESSAGES}: no delivery filter; the app's messages newest first, by the (app_id,
 *       id) or (app_id, event_type, id) index. Exact: it stops after a page.
 *   <li>{@link Way#DELIVERIES}: an endpoint or a status and no event type, over at most {@link
 *       #MAX_PAIRS} (endpoint, status) pairs; each pair's deliveries newest message first, by the
 *       (endpoint_id, status, message_id) index, at most a page from each. Exact.
 *   <li>{@link Way#SCAN}: anything else (an event type with a delivery filter, or a status over an
 *       app with more endpoints than pairs allowed); at most {@link #SCAN} messages are looked at
 *       per request, each tested by the (message_id, endpoint_id) key. A page cut short by that
 *       says so, and the next request goes on below the last message looked at.
 * </ul>
 */
public final class LogPlan {
  /** The most (endpoint, status) pairs one request reads a page from. */
  public static final int MAX_PAIRS = 50;

  /** The most messages one request looks at when no index answers the filters. */
  public static final int SCAN = 1000;

  /** The three ways. */
  public enum Way {
    MESSAGES,
    DELIVERIES,
    SCAN
  }

  private LogPlan() {}

  /**
   * @param appEndpoints how many endpoints the app has, deleted ones too (they keep their
   *     deliveries); looked at only for a status without an endpoint
   */
  public static Way way(boolean eventType, boolean status, boolean endpoint, long appEndpoints) {
    if (!status && !endpoint) {
      return Way.MESSAGES;
    }
    if (eventType) {
      return Way.SCAN;
    }
    long pairs = (endpoint ? 1 : appEndpoints) * (status ? 1 : 3);
    return pairs <= MAX_PAIRS ? Way.DELIVERIES : Way.SCAN;
  }
}
