package io.hookline.delivery.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {
  private static final String DEFAULT = "0s,5s,5m,30m,2h,5h,10h,10h";
  private static final Duration CAP = Duration.ofHours(1);

  @Test
  void theDefaultScheduleHasEightTriesWithTheDocumentedWaits() {
    RetrySchedule schedule = RetrySchedule.parse(DEFAULT, 0, () -> 0.5);
    assertEquals(8, schedule.maxAttempts());
    List<Duration> expected =
        List.of(
            Duration.ofSeconds(5),
            Duration.ofMinutes(5),
            Duration.ofMinutes(30),
            Duration.ofHours(2),
            Duration.ofHours(5),
            Duration.ofHours(10),
            Duration.ofHours(10));
    for (int failed = 1; failed <= 7; failed++) {
      assertEquals(
          Optional.of(expected.get(failed - 1)),
          schedule.waitAfter(failed, null, CAP),
          "after try " + failed);
    }
    assertEquals(Optional.empty(), schedule.waitAfter(8, null, CAP), "the eighth try is the last");
  }

  @Test
  void jitterStaysWithinTwentyPercentAndActuallyVaries() {
    RetrySchedule schedule = RetrySchedule.parse(DEFAULT, 0.2, new Random(42)::nextDouble);
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (int i = 0; i < 2000; i++) {
      long ms = schedule.waitAfter(1, null, CAP).orElseThrow().toMillis();
      min = Math.min(min, ms);
      max = Math.max(max, ms);
    }
    assertTrue(min >= 4000 && max <= 6000, min + ".." + max);
    assertTrue(min < 4200 && max > 5800, "spread over the whole band: " + min + ".." + max);
  }

  @Test
  void extremeRandomValuesHitTheBandEdges() {
    assertEquals(
        Duration.ofSeconds(4),
        RetrySchedule.parse(DEFAULT, 0.2, () -> 0.0).waitAfter(1, null, CAP).orElseThrow());
    assertEquals(
        Duration.ofSeconds(6),
        RetrySchedule.parse(DEFAULT, 0.2, () -> 1.0).waitAfter(1, null, CAP).orElseThrow());
  }

  @Test
  void retryAfterIsHonouredWhenLongerAndCapped() {
    RetrySchedule schedule = RetrySchedule.parse(DEFAULT, 0, () -> 0.5);
    assertEquals(
        Duration.ofSeconds(90), schedule.waitAfter(1, Duration.ofSeconds(90), CAP).orElseThrow());
    assertEquals(
        Duration.ofSeconds(5),
        schedule.waitAfter(1, Duration.ofSeconds(1), CAP).orElseThrow(),
        "shorter asks do not hurry");
    assertEquals(CAP, schedule.waitAfter(1, Duration.ofDays(3), CAP).orElseThrow());
    assertEquals(
        Optional.empty(),
        schedule.waitAfter(8, Duration.ofSeconds(10), CAP),
        "no try is added after the last");
  }

  @Test
  void parsesEveryUnitAndRejectsNonsense() {
    RetrySchedule schedule = RetrySchedule.parse("0ms, 250ms,2s,1m,1h,1d", 0, () -> 0.5);
    assertEquals(6, schedule.maxAttempts());
    assertEquals(Duration.ofMillis(250), schedule.waitAfter(1, null, CAP).orElseThrow());
    assertEquals(Duration.ofDays(1), schedule.waitAfter(5, null, CAP).orElseThrow());
    assertThrows(
        IllegalArgumentException.class, () -> RetrySchedule.parse("5 minutes", 0, () -> 0));
    assertThrows(IllegalArgumentException.class, () -> RetrySchedule.parse("", 0, () -> 0));
    assertThrows(IllegalArgumentException.class, () -> RetrySchedule.parse("1s", 1.5, () -> 0));
  }
}
