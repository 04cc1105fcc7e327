package io.hookline.delivery.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hookline.endpoint.entity.EndpointHealth;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SuccessTallyTest {
  private static final OffsetDateTime T0 =
      OffsetDateTime.of(2026, 11, 24, 3, 0, 0, 0, ZoneOffset.UTC);
  private static final EndpointHealth.Settings SETTINGS =
      new EndpointHealth.Settings(
          5,
          Duration.ofMinutes(1),
          Duration.ofSeconds(30),
          Duration.ofHours(1),
          Duration.ofDays(5));

  @Test
  void countedSuccessesMoveTheAverageAsRecordingEachOnTheRowWould() {
    EndpointHealth row = new EndpointHealth("ep_1");
    row.record(true, 100, T0, SETTINGS);
    row.record(false, 900, T0.plusSeconds(1), SETTINGS);
    row.record(true, 50, T0.plusSeconds(2), SETTINGS);
    double before = row.getAvgLatencyMs();

    SuccessTally tally = new SuccessTally();
    List<Long> latencies = List.of(12L, 300L, 7L, 45L);
    for (int i = 0; i < latencies.size(); i++) {
      tally.add("ep_1", latencies.get(i), T0.plusSeconds(10 + i));
      row.record(true, latencies.get(i), T0.plusSeconds(10 + i), SETTINGS);
    }
    SuccessTally.Successes counted = tally.drain().get("ep_1");

    assertEquals(row.getAvgLatencyMs(), counted.averageAfter(before), 1e-9);
    assertEquals(4, counted.count());
    assertEquals(T0.plusSeconds(10), counted.first());
    assertEquals(T0.plusSeconds(13), counted.last());
  }

  @Test
  void theAverageOfSuccessesAloneLiesAmongTheirLatencies() {
    SuccessTally tally = new SuccessTally();
    tally.add("ep_1", 10, T0);
    tally.add("ep_1", 30, T0.plusSeconds(1));
    double own = tally.drain().get("ep_1").ownAverage();
    // The later success weighs more, as on the row.
    assertTrue(own > 20 && own < 30, "average " + own);
  }

  @Test
  void drainTakesEverythingOnceAndKeepsEndpointsApart() {
    SuccessTally tally = new SuccessTally();
    tally.add("ep_1", 10, T0);
    tally.add("ep_2", 20, T0);
    tally.add("ep_1", 10, T0.plusSeconds(1));
    Map<String, SuccessTally.Successes> drained = tally.drain();
    assertEquals(2, drained.get("ep_1").count());
    assertEquals(1, drained.get("ep_2").count());
    assertTrue(tally.drain().isEmpty());
  }

  @Test
  void successesPutBackComeBeforeTheOnesCountedSince() {
    SuccessTally tally = new SuccessTally();
    tally.add("ep_1", 100, T0);
    SuccessTally.Successes unwritten = tally.drain().get("ep_1");
    tally.add("ep_1", 10, T0.plusSeconds(5));
    tally.putBack("ep_1", unwritten);

    SuccessTally inOrder = new SuccessTally();
    inOrder.add("ep_1", 100, T0);
    inOrder.add("ep_1", 10, T0.plusSeconds(5));
    SuccessTally.Successes expected = inOrder.drain().get("ep_1");
    SuccessTally.Successes merged = tally.drain().get("ep_1");
    assertEquals(expected.averageAfter(40), merged.averageAfter(40), 1e-9);
    assertEquals(T0, merged.first());
    assertEquals(T0.plusSeconds(5), merged.last());
  }

  @Test
  void noSuccessIsLostWhenCountedFromManyThreadsWhileDrained() throws Exception {
    SuccessTally tally = new SuccessTally();
    ExecutorService threads = Executors.newFixedThreadPool(4);
    for (int t = 0; t < 4; t++) {
      threads.submit(
          () -> {
            for (int i = 0; i < 10_000; i++) {
              tally.add("ep_" + (i % 3), 5, T0);
            }
          });
    }
    long drained = 0;
    threads.shutdown();
    while (!threads.awaitTermination(1, TimeUnit.MILLISECONDS)) {
      drained += tally.drain().values().stream().mapToLong(SuccessTally.Successes::count).sum();
    }
    drained += tally.drain().values().stream().mapToLong(SuccessTally.Successes::count).sum();
    assertEquals(40_000, drained);
  }
}
