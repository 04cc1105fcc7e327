package io.hookline.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class AuthFailuresTest {
  static final long SECOND = 1_000_000_000L;

  @Test
  void anAddressIsRefusedPastTheLimitUntilTheWindowEnds() {
    AuthFailures failures = new AuthFailures(3, Duration.ofMinutes(1));
    for (int i = 0; i < 3; i++) {
      assertNull(failures.blocked("10.0.0.1", i * SECOND));
      failures.failed("10.0.0.1", i * SECOND);
    }
    Duration wait = failures.blocked("10.0.0.1", 10 * SECOND);
    assertNotNull(wait);
    assertEquals(50, wait.toSeconds());
    assertNull(failures.blocked("10.0.0.2", 10 * SECOND), "other addresses are not affected");
    assertNull(failures.blocked("10.0.0.1", 61 * SECOND), "a new window starts clean");
    failures.failed("10.0.0.1", 61 * SECOND);
    assertNull(failures.blocked("10.0.0.1", 62 * SECOND));
  }

  @Test
  void expiredWindowsAreDroppedAsFailuresComeIn() {
    AuthFailures failures = new AuthFailures(1, Duration.ofMinutes(1));
    for (int i = 0; i < 1000; i++) {
      failures.failed("10.0." + (i >> 8) + "." + (i & 0xff), i * SECOND / 100);
    }
    assertEquals(1000, failures.addresses());
    assertNotNull(failures.blocked("10.0.0.0", 10 * SECOND));
    // A minute after the last of them, one new failure clears every passed window.
    failures.failed("10.9.9.9", 71 * SECOND);
    assertEquals(1, failures.addresses());
    assertNull(failures.blocked("10.0.0.0", 71 * SECOND));
  }

  @Test
  void aRenewedWindowIsNotDroppedForTheOldOnesPlace() {
    AuthFailures failures = new AuthFailures(2, Duration.ofMinutes(1), 2);
    failures.failed("10.0.0.1", 0);
    failures.failed("10.0.0.2", 30 * SECOND);
    // 10.0.0.1's window passed; its new one is the newest, and the cap drops 10.0.0.2's.
    failures.failed("10.0.0.1", 61 * SECOND);
    failures.failed("10.0.0.1", 62 * SECOND);
    failures.failed("10.0.0.3", 62 * SECOND);
    assertEquals(2, failures.addresses());
    assertNotNull(failures.blocked("10.0.0.1", 63 * SECOND));
  }

  @Test
  void theAddressesTrackedAreBoundedAndEachFailureCostsLittle() {
    AuthFailures failures = new AuthFailures(20, Duration.ofMinutes(1));
    int cap = 100_000;
    long start = System.nanoTime();
    // All in one window: nothing has expired, yet the count stays at the cap.
    for (int i = 0; i < cap + 20_000; i++) {
      failures.failed("10." + (i >> 16) + "." + ((i >> 8) & 0xff) + "." + (i & 0xff), i);
    }
    long tookMs = (System.nanoTime() - start) / 1_000_000;
    assertTrue(failures.addresses() <= cap, "tracked " + failures.addresses());
    // A scan of the whole map per failure past the cap would be 2e9 steps: tens of seconds.
    assertTrue(tookMs < 5_000, "took " + tookMs + " ms");
    // The newest addresses are the ones kept.
    for (int i = 0; i < 20; i++) {
      failures.failed("10.1.213.159", cap + 20_000 + i);
    }
    assertNotNull(failures.blocked("10.1.213.159", cap + 20_100));
  }
}
