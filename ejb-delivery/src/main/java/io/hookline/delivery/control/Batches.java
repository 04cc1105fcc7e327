package io.hookline.delivery.control;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Splits work into batches: items with the same key share a batch, in the order they came, at most
 * {@code maxSize} each; an item that must go {@code alone} gets a batch of its own. Plain logic for
 * {@link DeliveryQueue}, which sends one JMS message per batch.
 */
final class Batches {
  private Batches() {}

  static <T> List<List<T>> of(
      List<T> items, Function<T, Object> key, Predicate<T> alone, int maxSize) {
    if (maxSize < 1) {
      throw new IllegalArgumentException("maxSize must be at least 1");
    }
    List<List<T>> batches = new ArrayList<>();
    Map<Object, List<T>> open = new LinkedHashMap<>();
    for (T item : items) {
      if (alone.test(item)) {
        batches.add(List.of(item));
        continue;
      }
      Object itemKey = key.apply(item);
      List<T> batch = open.computeIfAbsent(itemKey, k -> new ArrayList<>());
      batch.add(item);
      if (batch.size() == maxSize) {
        batches.add(batch);
        open.remove(itemKey);
      }
    }
    batches.addAll(open.values());
    return batches;
  }
}
