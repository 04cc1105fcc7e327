package io.hookline.delivery.throttle;

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

  @Test
  void aTryNeedingTwoBucketsWaitsForTheLaterOfTheirTokens() {
    // Both have a token: no wait.
    assertEquals(
        Duration.ZERO, TokenBucket.waitForAll(new double[] {1, 2.5}, new int[] {5, 10}, 4, 0.5));
    // The app's bucket (10/s) is empty: its next token in 100 ms, though the endpoint has one.
    assertEquals(
        Duration.ofMillis(100),
        TokenBucket.waitForAll(new double[] {3, 0}, new int[] {5, 10}, 4, 0));
    // Both empty: the slower bucket's turn, spread as waitForTurn spreads it.
    assertEquals(
        TokenBucket.waitForTurn(0.5, 5, 4, 0.5),
        TokenBucket.waitForAll(new double[] {0.5, 0.9}, new int[] {5, 10}, 4, 0.5));
  }

  @Test
  void anAppsBucketSharedByItsEndpointsHoldsTheirSumToTheAppsRate() {
    // Three endpoints of one app, each limited to 10/s, the app to 12/s; tries come whenever
    // they may. Over a simulated minute the app's rate holds, whatever each endpoint may.
    int appRate = 12;
    int endpointRate = 10;
    double app = appRate;
    double[] endpoints = {endpointRate, endpointRate, endpointRate};
    long[] due = new long[3];
    long now = 0;
    int sent = 0;
    long step = 1_000_000; // 1 ms
    while (now < 60_000_000_000L) {
      now += step;
      app = TokenBucket.refill(app, Duration.ofNanos(step), appRate);
      for (int e = 0; e < 3; e++) {
        endpoints[e] = TokenBucket.refill(endpoints[e], Duration.ofNanos(step), endpointRate);
        if (now < due[e]) {
          continue;
        }
        Duration wait =
            TokenBucket.waitForAll(
                new double[] {endpoints[e], app}, new int[] {endpointRate, appRate}, 4, 0.5);
        if (wait.isZero()) {
          endpoints[e] -= 1;
          app -= 1;
          sent++;
        } else {
          due[e] = now + wait.toNanos();
        }
      }
    }
    assertTrue(sent <= appRate + 60 * appRate + 1, "sent " + sent);
    assertTrue(sent >= 60 * appRate * 0.9, "and not needlessly fewer: sent " + sent);
  }

  @Test
  void aTurnIsTheNextTokenPlusAShareOfTheContendersTokenPeriods() {
    assertEquals(Duration.ZERO, TokenBucket.waitForTurn(1.0, 5, 4, 0.9));
    assertEquals(Duration.ofMillis(200), TokenBucket.waitForTurn(0, 5, 4, 0));
    assertEquals(Duration.ofMillis(1000), TokenBucket.waitForTurn(0, 5, 4, 1));
    assertEquals(Duration.ofMillis(600), TokenBucket.waitForTurn(0, 5, 4, 0.5));
  }

  @Test
  void spreadTurnsKeepTheRateWithAFractionOfTheTriesTurnedAway() {
    Churn together = simulateMinute(8, 0);
    Churn spread = simulateMinute(8, 4);
    for (Churn run : java.util.List.of(together, spread)) {
      assertTrue(run.sent >= 60 * 5 * 0.9 && run.sent <= 5 + 60 * 5 + 1, "sent " + run.sent);
    }
    assertTrue(
        spread.turnedAway * 2 < together.turnedAway,
        "turned away: " + spread.turnedAway + " spread, " + together.turnedAway + " together");
  }

  private record Churn(int sent, int turnedAway) {}

  /**
   * Eight tries to one endpoint at 5/s, each followed at once by the next message: how many get
   * through in a minute and how many returns are turned away.
   */
  private static Churn simulateMinute(int contenders, int spread) {
    int rate = 5;
    java.util.Random random = new java.util.Random(7);
    long[] next = new long[contenders];
    double tokens = rate;
    long lastNanos = 0;
    int sent = 0;
    int turnedAway = 0;
    while (true) {
      int who = 0;
      for (int c = 1; c < contenders; c++) {
        if (next[c] < next[who]) {
          who = c;
        }
      }
      long now = next[who];
      if (now >= 60_000_000_000L) {
        return new Churn(sent, turnedAway);
      }
      tokens = TokenBucket.refill(tokens, Duration.ofNanos(now - lastNanos), rate);
      lastNanos = now;
      Duration wait = TokenBucket.waitForTurn(tokens, rate, spread, random.nextDouble());
      if (wait.isZero()) {
        tokens -= 1;
        sent++;
        next[who] = now + 10_000_000L;
      } else {
        turnedAway++;
        next[who] = now + wait.toNanos();
      }
    }
  }
}
