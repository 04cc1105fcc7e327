package io.hookline.endpoint.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.hookline.endpoint.entity.EndpointHealth.Change;
import io.hookline.endpoint.entity.EndpointHealth.State;
import java.time.Duration;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

class EndpointHealthTest {
  private static final EndpointHealth.Settings SETTINGS =
      new EndpointHealth.Settings(
          5,
          Duration.ofSeconds(60),
          Duration.ofSeconds(30),
          Duration.ofHours(1),
          Duration.ofDays(5));
  private static final OffsetDateTime T0 = OffsetDateTime.parse("2026-11-23T10:00:00Z");

  private final EndpointHealth health = new EndpointHealth("ep_1");

  private Change fail(OffsetDateTime at) {
    return health.record(false, 100, at, SETTINGS);
  }

  @Test
  void aClosedBreakerLetsCallsThroughAndOpensAfterTheThreshold() {
    for (int i = 0; i < 4; i++) {
      assertEquals(Change.NONE, fail(T0.plusSeconds(i)));
      assertInstanceOf(EndpointHealth.Call.class, health.gate(T0.plusSeconds(i), SETTINGS));
    }
    assertEquals(Change.OPENED, fail(T0.plusSeconds(4)));
    assertEquals(State.OPEN, health.getState());
    assertEquals(1, health.getTimesOpened());
  }

  @Test
  void aSuccessResetsTheCount() {
    for (int i = 0; i < 4; i++) {
      fail(T0);
    }
    health.record(true, 50, T0, SETTINGS);
    assertEquals(0, health.getConsecutiveFailures());
    assertEquals(Change.NONE, fail(T0));
    assertEquals(State.CLOSED, health.getState());
  }

  @Test
  void anOpenBreakerWaitsForTheCoolDownThenAllowsOneProbe() {
    for (int i = 0; i < 5; i++) {
      fail(T0);
    }
    EndpointHealth.Gate early = health.gate(T0.plusSeconds(20), SETTINGS);
    assertEquals(new EndpointHealth.Wait(Duration.ofSeconds(40)), early);
    assertInstanceOf(EndpointHealth.Probe.class, health.gate(T0.plusSeconds(60), SETTINGS));

    health.probing(T0.plusSeconds(60));
    assertEquals(State.HALF_OPEN, health.getState());
    assertEquals(
        new EndpointHealth.Wait(Duration.ofSeconds(30)),
        health.gate(T0.plusSeconds(60), SETTINGS),
        "one probe at a time");
    assertInstanceOf(
        EndpointHealth.Probe.class,
        health.gate(T0.plusSeconds(91), SETTINGS),
        "a probe that never reported is replaced");
  }

  @Test
  void aSuccessfulProbeClosesAndAFailedOneReopens() {
    for (int i = 0; i < 5; i++) {
      fail(T0);
    }
    health.probing(T0.plusSeconds(60));
    assertEquals(Change.OPENED, fail(T0.plusSeconds(61)));
    assertEquals(State.OPEN, health.getState());
    assertEquals(1, health.getTimesOpened(), "a re-open is not a new opening");
    assertInstanceOf(
        EndpointHealth.Wait.class,
        health.gate(T0.plusSeconds(62), SETTINGS),
        "the cool-down starts again");

    health.probing(T0.plusSeconds(121));
    assertEquals(Change.CLOSED, health.record(true, 80, T0.plusSeconds(122), SETTINGS));
    assertEquals(State.CLOSED, health.getState());
    assertInstanceOf(EndpointHealth.Call.class, health.gate(T0.plusSeconds(122), SETTINGS));
  }

  @Test
  void failingForFiveDaysStraightGivesUp() {
    assertEquals(Change.NONE, fail(T0));
    assertEquals(Change.NONE, fail(T0.plusDays(4)));
    assertEquals(Change.GIVE_UP, fail(T0.plusDays(5)));
  }

  @Test
  void windowCountsRestartAndLatencyIsAveraged() {
    health.record(true, 100, T0, SETTINGS);
    fail(T0.plusMinutes(10));
    assertEquals(1, health.getWindowSuccesses());
    assertEquals(1, health.getWindowFailures());
    assertEquals(100.0, health.getAvgLatencyMs(), 0.001);
    health.record(true, 200, T0.plusHours(2), SETTINGS);
    assertEquals(1, health.getWindowSuccesses());
    assertEquals(0, health.getWindowFailures());
    assertEquals(120.0, health.getAvgLatencyMs(), 0.001);
  }
}
