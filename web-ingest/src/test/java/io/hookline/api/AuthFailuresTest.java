package io.hookline.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
  void anyFailuresTellsWhetherAnAddressCanBeBlocked() {
    AuthFailures failures = new AuthFailures(1, Duration.ofMinutes(1));
    assertFalse(failures.anyFailures(), "nothing failed yet");
    failures.failed("10.0.0.1", 0);
    assertTrue(failures.anyFailures());
    assertNotNull(failures.blocked("10.0.0.1", SECOND));
    assertTrue(failures.anyFailures(), "a window in force stays");
    assertNull(failures.blocked("10.0.0.1", 60 * SECOND));
    assertFalse(failures.anyFailures(), "a passed window is dropped once checked");
  }
}
