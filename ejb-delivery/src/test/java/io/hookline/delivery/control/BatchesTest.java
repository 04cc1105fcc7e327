package io.hookline.delivery.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class BatchesTest {
  /** "a1" is item 1 for key "a"; a name ending in "!" must go alone. */
  private static List<List<String>> batches(int maxSize, String... items) {
    return Batches.of(
        List.of(items), item -> item.substring(0, 1), item -> item.endsWith("!"), maxSize);
  }

  @Test
  void itemsWithOneKeyShareABatchInTheirOrder() {
    assertEquals(
        List.of(List.of("a1", "a2", "a3"), List.of("b1", "b2")),
        batches(10, "a1", "b1", "a2", "b2", "a3"));
  }

  @Test
  void aFullBatchIsClosedAndTheNextOneStarts() {
    assertEquals(
        List.of(List.of("a1", "a2"), List.of("a3", "a4"), List.of("a5")),
        batches(2, "a1", "a2", "a3", "a4", "a5"));
  }

  @Test
  void anItemThatMustGoAloneIsNeverBatched() {
    assertEquals(
        List.of(List.of("a2!"), List.of("a3!"), List.of("a1", "a4")),
        batches(10, "a1", "a2!", "a3!", "a4"));
  }

  @Test
  void sizeOneIsOneItemABatch() {
    assertEquals(
        List.of(List.of("a1"), List.of("a2"), List.of("b1")), batches(1, "a1", "a2", "b1"));
  }

  @Test
  void nothingMakesNoBatch() {
    assertEquals(List.of(), batches(5));
  }

  @Test
  void aSizeBelowOneIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> batches(0, "a1"));
  }
}
