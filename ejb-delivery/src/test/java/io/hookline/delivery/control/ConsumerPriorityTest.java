package io.hookline.delivery.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ConsumerPriorityTest {
  @Test
  void aConsumerThreadIsLoweredToTheConfiguredPriority() {
    Thread thread = new Thread(() -> {});
    assertEquals(Thread.NORM_PRIORITY, thread.getPriority());
    ConsumerPriority.lower(thread, Thread.MIN_PRIORITY);
    assertEquals(Thread.MIN_PRIORITY, thread.getPriority());
  }

  @Test
  void aThreadAlreadyLowerIsNeverRaised() {
    Thread thread = new Thread(() -> {});
    thread.setPriority(2);
    ConsumerPriority.lower(thread, Thread.NORM_PRIORITY);
    assertEquals(2, thread.getPriority());
  }

  @Test
  void onlyPrioritiesFromLowestToNormalAreAccepted() {
    for (int priority = Thread.MIN_PRIORITY; priority <= Thread.NORM_PRIORITY; priority++) {
      assertEquals(priority, ConsumerPriority.checked(priority));
    }
    for (int wrong : new int[] {0, 6, 10}) {
      IllegalArgumentException refused =
          assertThrows(IllegalArgumentException.class, () -> ConsumerPriority.checked(wrong));
      assertTrue(
          refused.getMessage().contains("hookline.delivery.thread-priority"), refused.getMessage());
    }
  }
}
