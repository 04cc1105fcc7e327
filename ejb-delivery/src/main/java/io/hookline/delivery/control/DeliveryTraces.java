package io.hookline.delivery.control;

import io.hookline.runtime.Tracing;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The trace each delivery of a batch message continues, written into one JMS property when they are
 * not all the same: single sends accepted in one transaction come from different requests, and
 * their deliveries to one endpoint still share a message. One line a delivery, in the order of the
 * message's ids: its {@code traceparent}, a tab, its {@code tracestate}; an empty line for one with
 * none. W3C trace context allows no line break in either and no tab in a {@code traceparent} (a
 * {@code tracestate} may hold tabs as whitespace, so a line is cut at its first tab only).
 */
final class DeliveryTraces {
  private DeliveryTraces() {}

  /** Each carrier as a line; a null or empty carrier as an empty line. */
  static String encode(List<Map<String, String>> traces) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < traces.size(); i++) {
      if (i > 0) {
        text.append('\n');
      }
      Map<String, String> trace = traces.get(i);
      String parent = trace == null ? null : trace.get(Tracing.TRACEPARENT);
      if (parent != null) {
        text.append(parent);
        String state = trace.get(Tracing.TRACESTATE);
        if (state != null && !state.isEmpty()) {
          text.append('\t').append(state);
        }
      }
    }
    return text.toString();
  }

  /**
   * The carriers {@link #encode} wrote, one a delivery; null when the text does not hold {@code
   * count} lines (a message written by something else: its deliveries then share the message's
   * trace, which costs the traces and nothing else).
   */
  static List<Map<String, String>> decode(String text, int count) {
    String[] lines = text.split("\n", -1);
    if (lines.length != count) {
      return null;
    }
    List<Map<String, String>> traces = new ArrayList<>(count);
    for (String line : lines) {
      Map<String, String> trace = new HashMap<>();
      if (!line.isEmpty()) {
        int tab = line.indexOf('\t');
        trace.put(Tracing.TRACEPARENT, tab < 0 ? line : line.substring(0, tab));
        if (tab >= 0) {
          trace.put(Tracing.TRACESTATE, line.substring(tab + 1));
        }
      }
      traces.add(trace);
    }
    return traces;
  }
}
