package io.hookline.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LatenciesTest {

  @Test
  void theSlowestWindowsComeFirstWithTheirCountsAndWhenTheirRequestsWereDue() {
    Latencies latencies = new Latencies();
    long base = Latencies.WINDOW_NANOS * 1_000;
    long ms = 1_000_000;
    for (int i = 0; i < 10; i++) {
      latencies.recordNanos(2 * ms, base + i * ms);
    }
    latencies.recordNanos(300 * ms, base + 3 * Latencies.WINDOW_NANOS + 5 * ms);
    latencies.recordNanos(4 * ms, base + 3 * Latencies.WINDOW_NANOS + 6 * ms);
    latencies.recordNanos(40 * ms, base + 7 * Latencies.WINDOW_NANOS);

    List<Latencies.SlowWindow> slowest = latencies.summary().slowest();

    assertEquals(List.of(300.0, 40.0, 2.0), slowest.stream().map(w -> w.maxMs()).toList());
    assertEquals(List.of(2L, 1L, 10L), slowest.stream().map(w -> w.count()).toList());
    Instant first = slowest.get(2).due();
    assertEquals(Duration.ofMillis(300), Duration.between(first, slowest.get(0).due()));
    assertEquals(Duration.ofMillis(700), Duration.between(first, slowest.get(1).due()));
    assertEquals(13, latencies.summary().count());
  }

  @Test
  void atMostFiveWindowsAreKept() {
    Latencies latencies = new Latencies();
    for (int i = 0; i < 20; i++) {
      latencies.recordNanos((i + 1) * 1_000_000L, i * Latencies.WINDOW_NANOS);
    }
    assertEquals(
        List.of(20.0, 19.0, 18.0, 17.0, 16.0),
        latencies.summary().slowest().stream().map(w -> w.maxMs()).toList());
  }
}
