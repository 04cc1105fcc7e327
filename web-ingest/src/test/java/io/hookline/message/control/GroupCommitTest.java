package io.hookline.message.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class GroupCommitTest {
  private static final Duration NOT_STALLED = Duration.ofMinutes(5);

  @Test
  void aCallerAloneIsAGroupOfOne() {
    List<List<Integer>> groups = Collections.synchronizedList(new ArrayList<>());
    GroupCommit<Integer, String> commit =
        new GroupCommit<>(
            items -> {
              groups.add(items);
              return items.stream().map(i -> GroupCommit.Outcome.of("v" + i)).toList();
            },
            10,
            NOT_STALLED);
    assertEquals("v1", commit.submit(1));
    assertEquals("v2", commit.submit(2));
    assertEquals(List.of(List.of(1), List.of(2)), groups);
  }

  @Test
  void callersArrivingDuringACommitShareTheNextOneAndEachGetsItsOwnAnswer() throws Exception {
    HeldCommit held = new HeldCommit(100, NOT_STALLED);
    held.queueBehindHeld(8);
    assertEquals(2, held.groups.size(), "groups: " + held.groups);
    assertEquals(8, held.groups.get(1).size());
  }

  @Test
  void anItemsOwnErrorGoesToItsCallerAlone() {
    IllegalArgumentException refused = new IllegalArgumentException("no");
    GroupCommit<Integer, String> commit =
        new GroupCommit<>(
            items ->
                items.stream()
                    .map(
                        i ->
                            i < 0
                                ? GroupCommit.Outcome.<String>failed(refused)
                                : GroupCommit.Outcome.of("v" + i))
                    .toList(),
            10,
            NOT_STALLED);
    assertSame(refused, assertThrows(IllegalArgumentException.class, () -> commit.submit(-1)));
    assertEquals("v3", commit.submit(3));
  }

  @Test
  void aFailedCommitFailsItsGroupAndTheNextCallerLeadsAgain() {
    IllegalStateException down = new IllegalStateException("broker down");
    boolean[] fail = {true};
    GroupCommit<Integer, String> commit =
        new GroupCommit<>(
            items -> {
              if (fail[0]) {
                throw down;
              }
              return items.stream().map(i -> GroupCommit.Outcome.of("v" + i)).toList();
            },
            10,
            NOT_STALLED);
    assertSame(down, assertThrows(IllegalStateException.class, () -> commit.submit(1)));
    fail[0] = false;
    assertEquals("v2", commit.submit(2));
  }

  @Test
  void noGroupIsLargerThanItsLimit() throws Exception {
    HeldCommit held = new HeldCommit(3, NOT_STALLED);
    held.queueBehindHeld(10);
    List<Integer> sizes = held.groups.stream().map(List::size).toList();
    assertEquals(11, sizes.stream().mapToInt(Integer::intValue).sum());
    assertTrue(sizes.stream().allMatch(n -> n <= 3), "sizes " + sizes);
  }

  @Test
  void aStuckCommitNoLongerHoldsTheNextGroupBack() throws Exception {
    HeldCommit held = new HeldCommit(10, Duration.ofMillis(100));
    ExecutorService callers = Executors.newFixedThreadPool(4);
    try {
      Future<String> stuck = held.submitHeld(callers);
      assertAnswered(submitEach(callers, held.commit, 3));
      assertFalse(stuck.isDone(), "the stuck commit was answered before it returned");
      held.release.countDown();
      assertEquals("v0", stuck.get(10, TimeUnit.SECONDS));
    } finally {
      held.release.countDown();
      callers.shutdownNow();
    }
    assertEquals(List.of(0), held.groups.get(0));
    assertEquals(4, held.groups.stream().mapToInt(List::size).sum(), "groups: " + held.groups);
  }

  /**
   * A group commit that records its groups and answers {@code "v" + item}; the commit holding item
   * 0 stays in progress until {@link #release} is counted down.
   */
  private static final class HeldCommit {
    final CountDownLatch started = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    final List<List<Integer>> groups = Collections.synchronizedList(new ArrayList<>());
    final GroupCommit<Integer, String> commit;

    HeldCommit(int maxGroup, Duration stallAfter) {
      commit =
          new GroupCommit<>(
              items -> {
                groups.add(items);
                if (items.contains(0)) {
                  started.countDown();
                  await(release);
                }
                return items.stream().map(i -> GroupCommit.Outcome.of("v" + i)).toList();
              },
              maxGroup,
              stallAfter);
    }

    /** Submits item 0 and returns once its commit is in progress. */
    Future<String> submitHeld(ExecutorService callers) throws InterruptedException {
      Future<String> held = callers.submit(() -> commit.submit(0));
      assertTrue(started.await(10, TimeUnit.SECONDS));
      return held;
    }

    /**
     * Holds item 0's commit until items 1 to {@code count} all wait behind it, lets it go, and
     * checks that every caller got its own item's answer.
     */
    void queueBehindHeld(int count) throws Exception {
      ExecutorService callers = Executors.newFixedThreadPool(count + 1);
      try {
        Future<String> first = submitHeld(callers);
        List<Future<String>> others = submitEach(callers, commit, count);
        awaitQueued(commit, count);
        release.countDown();
        assertEquals("v0", first.get(10, TimeUnit.SECONDS));
        assertAnswered(others);
      } finally {
        callers.shutdownNow();
      }
    }
  }

  /** Items 1 to {@code count}, each submitted by a caller of its own. */
  private static List<Future<String>> submitEach(
      ExecutorService callers, GroupCommit<Integer, String> commit, int count) {
    List<Future<String>> submitted = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      int item = i;
      submitted.add(callers.submit(() -> commit.submit(item)));
    }
    return submitted;
  }

  /** Each of {@link #submitEach}'s callers got its own item's answer. */
  private static void assertAnswered(List<Future<String>> submitted) throws Exception {
    for (int i = 1; i <= submitted.size(); i++) {
      assertEquals("v" + i, submitted.get(i - 1).get(10, TimeUnit.SECONDS));
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("latch not released");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void awaitQueued(GroupCommit<?, ?> commit, int count) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (commit.waitingCount() < count) {
      assertTrue(System.nanoTime() < deadline, "callers never queued: " + commit.waitingCount());
      Thread.onSpinWait();
    }
  }
}
