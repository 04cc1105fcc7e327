package io.hookline.delivery.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TryTransactionTimeoutTest {

  @Test
  void theDefaultsGiveATryAboutOneMinuteAndAQuarter() {
    // Lookup 5 s, then the call and its one retry, each 5 s lookup + 15 s + 1 s; 30 s margin.
    assertEquals(
        77, TryTransactionTimeout.seconds(Duration.ofSeconds(5), Duration.ofSeconds(15), 1));
  }

  @Test
  void eachRetryOfTheCallAddsACall() {
    int one = TryTransactionTimeout.seconds(Duration.ofSeconds(5), Duration.ofSeconds(5), 1);
    int two = TryTransactionTimeout.seconds(Duration.ofSeconds(5), Duration.ofSeconds(5), 2);
    assertEquals(11, two - one);
  }

  @Test
  void partsOfASecondAreRoundedUp() {
    assertEquals(
        32, TryTransactionTimeout.seconds(Duration.ofMillis(100), Duration.ofMillis(150), 0));
  }

  @Test
  void alwaysLongerThanTheLongestCallsTogether() {
    for (int timeout = 1; timeout <= 600; timeout += 37) {
      for (int retries = 0; retries <= 3; retries++) {
        Duration connect = Duration.ofSeconds(timeout / 3 + 1);
        long calls = (retries + 1L) * (connect.getSeconds() + timeout + 1) + connect.getSeconds();
        int seconds = TryTransactionTimeout.seconds(connect, Duration.ofSeconds(timeout), retries);
        assertTrue(seconds >= calls + 30, timeout + " s, " + retries + " retries: " + seconds);
      }
    }
  }

  @Test
  void negativeSettingsAreRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> TryTransactionTimeout.seconds(Duration.ofSeconds(5), Duration.ofSeconds(-1), 1));
  }

  @Test
  void retriesWithoutACountAreBoundedByTheirMaxDuration() {
    int oneCall = TryTransactionTimeout.seconds(Duration.ofSeconds(5), Duration.ofSeconds(15), 0);
    assertEquals(
        oneCall + 180,
        TryTransactionTimeout.secondsUntil(
            Duration.ofSeconds(5), Duration.ofSeconds(15), Duration.ofMillis(180_000)));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            TryTransactionTimeout.secondsUntil(
                Duration.ofSeconds(5), Duration.ofSeconds(15), Duration.ZERO));
  }
}
