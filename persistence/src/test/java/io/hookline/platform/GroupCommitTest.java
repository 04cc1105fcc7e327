package io.hookline.platform;

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
    CountDownLatch firstCommitStarted = new CountDownLatch(1);
    CountDownLatch othersWaiting = new CountDownLatch(1);
    List<List<Integer>> groups = Collections.synchronizedList(new ArrayList<>());
    GroupCommit<Integer, String> commit =
        holdingItemZero(groups, firstCommitStarted, othersWaiting, 100, NOT_STALLED);
    ExecutorService callers = Executors.newFixedThreadPool(9);
    try {
      Future<String> first = callers.submit(() -> commit.submit(0));
      assertTrue(firstCommitStarted.await(10, TimeUnit.SECONDS));
      List<Future<String>> others = submitEach(callers, commit, 8);
      awaitQueued(commit, 8);
      othersWaiting.countDown();
      assertEquals("v0", first.get(10, TimeUnit.SECONDS));
      assertAnswered(others);
    } finally {
      callers.shutdownNow();
    }
    assertEquals(2, groups.size(), "groups: " + groups);
    assertEquals(8, groups.get(1).size());
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
    CountDownLatch firstCommitStarted = new CountDownLatch(1);
    CountDownLatch othersWaiting = new CountDownLatch(1);
    List<Integer> sizes = Collections.synchronizedList(new ArrayList<>());
    GroupCommit<Integer, Integer> commit =
        new GroupCommit<>(
            items -> {
              sizes.add(items.size());
              if (sizes.size() == 1) {
                firstCommitStarted.countDown();
                await(othersWaiting);
              }
              return items.stream().map(GroupCommit.Outcome::of).toList();
            },
            3,
            NOT_STALLED);
    ExecutorService callers = Executors.newFixedThreadPool(11);
    try {
      List<Future<Integer>> all = new ArrayList<>();
      all.add(callers.submit(() -> commit.submit(0)));
      assertTrue(firstCommitStarted.await(10, TimeUnit.SECONDS));
      for (int i = 1; i <= 10; i++) {
        int item = i;
        all.add(callers.submit(() -> commit.submit(item)));
      }
      awaitQueued(commit, 10);
      othersWaiting.countDown();
      for (int i = 0; i <= 10; i++) {
        assertEquals(i, all.get(i).get(10, TimeUnit.SECONDS));
      }
    } finally {
      callers.shutdownNow();
    }
    assertEquals(11, sizes.stream().mapToInt(Integer::intValue).sum());
    assertTrue(sizes.stream().allMatch(n -> n <= 3), "sizes " + sizes);
  }

  @Test
  void aStuckCommitNoLongerHoldsTheNextGroupBack() throws Exception {
    CountDownLatch stuckCommitStarted = new CountDownLatch(1);
    CountDownLatch unstick = new CountDownLatch(1);
    List<List<Integer>> groups = Collections.synchronizedList(new ArrayList<>());
    GroupCommit<Integer, String> commit =
        holdingItemZero(groups, stuckCommitStarted, unstick, 10, Duration.ofMillis(100));
    ExecutorService callers = Executors.newFixedThreadPool(4);
    try {
      Future<String> stuck = callers.submit(() -> commit.submit(0));
      assertTrue(stuckCommitStarted.await(10, TimeUnit.SECONDS));
      assertAnswered(submitEach(callers, commit, 3));
      assertFalse(stuck.isDone(), "the stuck commit was answered before it returned");
      unstick.countDown();
      assertEquals("v0", stuck.get(10, TimeUnit.SECONDS));
    } finally {
      unstick.countDown();
      callers.shutdownNow();
    }
    assertEquals(List.of(0), groups.get(0));
    assertEquals(4, groups.stream().mapToInt(List::size).sum(), "groups: " + groups);
  }

  /**
   * Commits that record their groups and answer {@code "v" + item}; the one holding item 0 counts
   * {@code started} down and returns only once {@code release} is.
   */
  private static GroupCommit<Integer, String> holdingItemZero(
      List<List<Integer>> groups,
      CountDownLatch started,
      CountDownLatch release,
      int maxGroup,
      Duration stallAfter) {
    return new GroupCommit<>(
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
