package io.hookline.delivery.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hookline.runtime.Heartbeats;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReconcilerTest {

  /** Hands out the batch sizes given, and records each call. */
  private static final class Overdue extends OverdueDeliveries {
    final Deque<Integer> sizes;
    final List<Integer> limits = new ArrayList<>();
    final Duration eachTakes;

    Overdue(Duration eachTakes, Integer... sizes) {
      this.sizes = new ArrayDeque<>(List.of(sizes));
      this.eachTakes = eachTakes;
    }

    @Override
    public int requeue(OffsetDateTime dueBefore, int limit) {
      limits.add(limit);
      if (!eachTakes.isZero()) {
        long until = System.nanoTime() + eachTakes.toNanos();
        while (System.nanoTime() < until) {
          Thread.onSpinWait();
        }
      }
      Integer size = sizes.poll();
      return size == null ? 0 : Math.min(size, limit);
    }
  }

  private static Reconciler reconciler(Overdue overdue, Duration interval) {
    Reconciler reconciler = new Reconciler();
    reconciler.overdue = overdue;
    reconciler.heartbeats = new Heartbeats();
    reconciler.interval = interval;
    reconciler.grace = Duration.ofMinutes(5);
    return reconciler;
  }

  @Test
  void aLargeRepairGoesOnBatchAfterBatchInOneTickUntilABatchComesBackShort() {
    Overdue overdue = new Overdue(Duration.ZERO, 500, 500, 500, 500, 42, 500);
    reconciler(overdue, Duration.ofMinutes(1)).reconcile();
    assertEquals(5, overdue.limits.size(), "four full batches and the short one");
  }

  @Test
  void oneTickReQueuesNoMoreThanItsCap() {
    Integer[] full = new Integer[100];
    java.util.Arrays.fill(full, 500);
    Overdue overdue = new Overdue(Duration.ZERO, full);
    reconciler(overdue, Duration.ofMinutes(1)).reconcile();
    assertEquals(Reconciler.MAX_PER_TICK / 500, overdue.limits.size());
  }

  @Test
  void oneTickStopsWhenItsTimeIsSpent() {
    Overdue overdue = new Overdue(Duration.ofMillis(60), 500, 500, 500, 500, 500, 500, 500, 500);
    reconciler(overdue, Duration.ofMillis(100)).reconcile();
    int calls = overdue.limits.size();
    assertEquals(true, calls >= 1 && calls <= 3, "batches in a 100 ms tick: " + calls);
  }
}
