package io.hookline.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

class LoadGeneratorTest {
  @Test
  void aFixedRateSendsTheRateTimesTheDuration() {
    LoadGenerator.Result result =
        LoadGenerator.fixedRate(200, Duration.ofMillis(500), (due, sequence) -> 1);
    assertEquals(100, result.requests());
    assertEquals(100, result.accepted());
    assertEquals(0, result.failures());
  }

  @Test
  void aFixedRateGoesOnPastItsDurationWhileToldTo() {
    AtomicInteger scheduled = new AtomicInteger();
    LoadGenerator.Result result =
        LoadGenerator.fixedRate(
            200,
            Duration.ofMillis(100),
            LoadGenerator.DEFAULT_IN_FLIGHT,
            () -> scheduled.get() < 60,
            (due, sequence) -> {
              scheduled.incrementAndGet();
              return 1;
            });
    assertTrue(result.requests() >= 60, "requests " + result.requests());
    assertTrue(result.requests() <= 60 + LoadGenerator.DEFAULT_IN_FLIGHT, "then it stops");
  }

  @Test
  void latencyCountsFromWhenARequestWasDueNotWhenASenderGotToIt() {
    // Each request takes 100 ms; 1000 a second needs 100 in flight, more than the 64 allowed, so
    // requests queue. Timed from their start they would all look like 100 ms; timed from when they
    // were due (coordinated omission corrected) the queueing shows.
    LoadGenerator.Result result = slowRequestsAtAThousandASecond(64);
    assertEquals(1000, result.accepted());
    assertTrue(result.latency().p99() > 200, "p99 " + result.latency().p99());
  }

  @Test
  void sendersAreAddedUpToTheCapSoARateNeedingMoreInFlightDoesNotQueue() {
    // The same load with room for the 100 in flight it needs: nothing waits for a sender.
    LoadGenerator.Result result = slowRequestsAtAThousandASecond(400);
    assertEquals(1000, result.accepted());
    assertTrue(result.latency().p99() < 180, "p99 " + result.latency().p99());
  }

  /** A second of 1,000 requests a second that take 100 ms each: 100 in flight to keep up. */
  private static LoadGenerator.Result slowRequestsAtAThousandASecond(int maxInFlight) {
    return LoadGenerator.fixedRate(
        1000,
        Duration.ofSeconds(1),
        maxInFlight,
        (due, sequence) -> {
          LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
          return 1;
        });
  }

  @Test
  void noMoreThanTheCapAreEverInFlight() {
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    LoadGenerator.Result result =
        LoadGenerator.fixedRate(
            1000,
            Duration.ofMillis(300),
            10,
            (due, sequence) -> {
              most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
              LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
              inFlight.decrementAndGet();
              return 1;
            });
    assertEquals(300, result.accepted());
    assertEquals(10, most.get());
  }

  @Test
  void failuresAndExceptionsAreCountedNotThrown() {
    LoadGenerator.Result result =
        LoadGenerator.closedLoop(
            2,
            Duration.ofMillis(200),
            (due, sequence) -> {
              if (sequence % 2 == 0) {
                throw new IllegalStateException("refused");
              }
              return 0;
            });
    assertTrue(result.requests() > 0);
    assertEquals(0, result.accepted());
    assertEquals(result.requests(), result.failures());
    assertEquals(java.util.List.of("java.lang.IllegalStateException: refused"), result.errors());
  }

  @Test
  void theRateBySliceAveragesWholeSlicesOnly() {
    LoadGenerator.Result result =
        new LoadGenerator.Result(
            150,
            150,
            0,
            Duration.ofSeconds(5),
            new Latencies.Summary(0, 0, 0, 0, 0, List.of()),
            List.of(),
            List.of(10L, 20L, 30L, 40L, 50L));
    assertEquals(List.of(15.0, 35.0), result.ratePer(Duration.ofSeconds(2)));
  }

  @Test
  void answersAfterTheScheduledLoadAreNotCountedBySecond() {
    // Each request takes 1.5 s: the second one of each client starts inside the 2 s and is
    // answered after them, while the run waits for it.
    LoadGenerator.Result result =
        LoadGenerator.closedLoop(
            2,
            Duration.ofSeconds(2),
            (due, sequence) -> {
              LockSupport.parkNanos(Duration.ofMillis(1500).toNanos());
              return 1;
            });
    long counted = result.acceptedBySecond().stream().mapToLong(Long::longValue).sum();
    assertTrue(counted < result.accepted(), result.toString());
  }

  @Test
  void aClosedLoopCountsItsAcceptedEventsBySecond() {
    LoadGenerator.Result result =
        LoadGenerator.closedLoop(
            2,
            Duration.ofMillis(2500),
            (due, sequence) -> {
              LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
              return 1;
            });
    assertEquals(2, result.acceptedBySecond().size(), "the scheduled load's whole seconds only");
    long counted = result.acceptedBySecond().stream().mapToLong(Long::longValue).sum();
    assertTrue(counted <= result.accepted(), result.toString());
    // Two clients at 10 ms a request: each second holds its own answers, not the run's.
    assertTrue(result.acceptedBySecond().get(0) > 0, result.toString());
    assertTrue(result.acceptedBySecond().get(1) > 0, result.toString());
  }
}
