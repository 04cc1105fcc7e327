package io.hookline.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChaosTest {
  @Test
  void theLongestGapIsBetweenNeighboursInTimeWhateverTheOrderGiven() {
    assertEquals(Duration.ofNanos(60), Chaos.longestGap(List.of(100L, 10L, 40L, 150L)));
    assertEquals(Duration.ZERO, Chaos.longestGap(List.of(7L)));
  }

  @Test
  void p99IsTheValueBelowWhichNinetyNinePercentFall() {
    List<Long> nanos = new java.util.ArrayList<>();
    for (long i = 1; i <= 100; i++) {
      nanos.add(i * 1_000_000);
    }
    assertEquals(99.0, Chaos.p99Millis(nanos));
    assertEquals(0.0, Chaos.p99Millis(List.of()));
  }
}
