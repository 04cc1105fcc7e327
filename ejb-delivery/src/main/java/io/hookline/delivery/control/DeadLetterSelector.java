package io.hookline.delivery.control;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * JMS selectors matching dead-letter entries by delivery id, a set of ids per selector ({@code
 * property IN ('a', 'b')}), so removing many entries takes a pass of the queue per selector rather
 * than one per entry.
 */
final class DeadLetterSelector {
  /** Ids per selector: keeps each selector a few tens of KB, well inside what the broker parses. */
  static final int MAX_IDS = 500;

  private DeadLetterSelector() {}

  /** The selectors for these ids, duplicates dropped; none for no ids. */
  static List<String> of(String property, Collection<String> ids) {
    List<String> distinct = new ArrayList<>(new LinkedHashSet<>(ids));
    List<String> selectors = new ArrayList<>();
    for (int from = 0; from < distinct.size(); from += MAX_IDS) {
      StringBuilder selector = new StringBuilder(property).append(" IN (");
      List<String> chunk = distinct.subList(from, Math.min(from + MAX_IDS, distinct.size()));
      for (int i = 0; i < chunk.size(); i++) {
        if (i > 0) {
          selector.append(", ");
        }
        // A selector string literal: a quote inside is written twice.
        selector.append('\'').append(chunk.get(i).replace("'", "''")).append('\'');
      }
      selectors.add(selector.append(')').toString());
    }
    return selectors;
  }
}
