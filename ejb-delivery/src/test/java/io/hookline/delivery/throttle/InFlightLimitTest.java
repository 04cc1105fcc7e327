package io.hookline.delivery.throttle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class InFlightLimitTest {

  @Test
  void allowsUpToTheLimitPerEndpointAndNoMore() {
    InFlightLimit limit = new InFlightLimit(2);
    assertTrue(limit.tryAcquire("a"));
    assertTrue(limit.tryAcquire("a"));
    assertFalse(limit.tryAcquire("a"));
    assertTrue(limit.tryAcquire("b"), "another endpoint is not affected");
    limit.release("a");
    assertTrue(limit.tryAcquire("a"));
    assertEquals(2, limit.inFlight("a"));
    assertEquals(0, limit.inFlight("never"));
    assertEquals(3, limit.total(), "two to a, one to b");
  }

  @Test
  void holdsUnderContention() throws Exception {
    InFlightLimit limit = new InFlightLimit(3);
    AtomicInteger concurrent = new AtomicInteger();
    AtomicInteger highest = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(16);
    CountDownLatch start = new CountDownLatch(1);
    for (int i = 0; i < 16; i++) {
      pool.submit(
          () -> {
            start.await();
            for (int n = 0; n < 2000; n++) {
              if (limit.tryAcquire("e")) {
                highest.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
                concurrent.decrementAndGet();
                limit.release("e");
              }
            }
            return null;
          });
    }
    start.countDown();
    pool.shutdown();
    assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
    assertTrue(highest.get() <= 3, "at most 3 at once, saw " + highest.get());
    assertEquals(0, limit.inFlight("e"));
    assertEquals(0, limit.endpoints());
  }

  @Test
  void anEndpointWithNothingInFlightLeavesNoEntry() {
    InFlightLimit limit = new InFlightLimit(2);
    for (int i = 0; i < 10_000; i++) {
      String endpoint = "ep_" + i;
      assertTrue(limit.tryAcquire(endpoint));
      assertTrue(limit.tryAcquire(endpoint));
      assertFalse(limit.tryAcquire(endpoint));
      limit.release(endpoint);
      limit.release(endpoint);
    }
    assertEquals(0, limit.endpoints(), "deleted or idle endpoints hold nothing");
    assertTrue(limit.tryAcquire("ep_1"));
    assertEquals(1, limit.endpoints());
    assertEquals(1, limit.inFlight("ep_1"));
  }

  @Test
  void aLimitBelowOneIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new InFlightLimit(0));
  }
}
