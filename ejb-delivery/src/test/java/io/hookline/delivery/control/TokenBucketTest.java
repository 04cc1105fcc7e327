package io.hookline.delivery.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TokenBucketTest {

  @Test
  void refillsAtTheRateUpToOneSecondsWorth() {
    assertEquals(2.5, TokenBucket.refill(0, Duration.ofMillis(500), 5), 1e-9);
    assertEquals(5, TokenBucket.refill(0, Duration.ofSeconds(10), 5), 1e-9);
    assertEquals(5, TokenBucket.refill(4.5, Duration.ofMillis(200), 5), 1e-9);
    assertEquals(
        1,
        TokenBucket.refill(1, Duration.ofMillis(-50), 5),
        1e-9,
        "a clock step back adds nothing");
  }

  @Test
  void saysHowLongUntilTheNextToken() {
    assertEquals(Duration.ZERO, TokenBucket.waitForOne(1.0, 5));
    assertEquals(Duration.ofMillis(200), TokenBucket.waitForOne(0, 5));
    assertEquals(Duration.ofMillis(100), TokenBucket.waitForOne(0.5, 5));
  }

  @Test
  void aSimulatedMinuteDeliversTheRateAndNoMore() {
    int rate = 7;
    double tokens = rate;
    long nowNanos = 0;
    int sent = 0;
    while (nowNanos < 60_000_000_000L) {
      Duration wait = TokenBucket.waitForOne(tokens, rate);
      nowNanos += wait.toNanos();
      tokens = TokenBucket.refill(tokens, wait, rate) - 1;
      sent++;
    }
    // One second's burst plus 60 seconds at the rate.
    assertTrue(sent <= rate + 60 * rate + 1 && sent >= 60 * rate, "sent " + sent);
  }
}
