package io.hookline.message.control;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * Lets concurrent callers share one commit. A caller that finds no commit running becomes the
 * leader: it takes everything waiting (up to {@code maxGroup}) and commits it on its own thread;
 * whoever arrives meanwhile waits, and the next leader takes them all at once. Nobody waits for a
 * timer: under light load every group is one item, under heavy load groups grow by themselves.
 *
 * <p>The commit answers each item on its own (an item's own error is its caller's alone); if the
 * commit itself throws, every caller of that group gets the exception and nothing of the group is
 * kept.
 *
 * <p>A commit that has run for {@code stallAfter} no longer holds the others back: a caller still
 * waiting leads the next group beside it. A transaction's second phase can hang for a minute (the
 * broker killed between prepare and commit: Payara's transaction service waits 60 s before it tries
 * the commit again), and no send of the node may wait behind it unanswered. Under load a commit
 * takes milliseconds; groups side by side cost more CPU than one after the other, so this is kept
 * for commits that are stuck.
 *
 * @param <I> what a caller hands in
 * @param <R> what it gets back
 */
public final class GroupCommit<I, R> {

  /** An item's answer: its value, or the error that is its alone. */
  public record Outcome<R>(R value, RuntimeException error) {
    public static <R> Outcome<R> of(R value) {
      return new Outcome<>(value, null);
    }

    public static <R> Outcome<R> failed(RuntimeException error) {
      return new Outcome<>(null, error);
    }
  }

  private static final class Waiting<I, R> {
    final I item;
    Outcome<R> outcome;
    RuntimeException groupFailure;
    boolean taken;
    boolean done;

    Waiting(I item) {
      this.item = item;
    }
  }

  private final Function<List<I>, List<Outcome<R>>> commit;
  private final int maxGroup;
  private final long stallAfterNanos;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition settled = lock.newCondition();
  private final ArrayDeque<Waiting<I, R>> waiting = new ArrayDeque<>();
  private int leaders;

  /** When each commit now running began (System.nanoTime), one entry a leader in a commit. */
  private final List<Long> commitsStarted = new ArrayList<>();

  /**
   * @param commit commits a group in one go and answers each item, in order
   * @param stallAfter how long a commit may run before a waiting caller leads a group beside it
   */
  public GroupCommit(
      Function<List<I>, List<Outcome<R>>> commit, int maxGroup, Duration stallAfter) {
    if (maxGroup < 1) {
      throw new IllegalArgumentException("maxGroup must be at least 1");
    }
    if (stallAfter.isNegative() || stallAfter.isZero()) {
      throw new IllegalArgumentException("stallAfter must be more than zero");
    }
    this.commit = commit;
    this.maxGroup = maxGroup;
    this.stallAfterNanos = stallAfter.toNanos();
  }

  /** Commits the item with whatever else is waiting, and returns its answer or throws its error. */
  public R submit(I item) {
    Waiting<I, R> mine = new Waiting<>(item);
    boolean interrupted = false;
    lock.lock();
    try {
      waiting.add(mine);
      while (!mine.done) {
        long stalledIn = untilAllStalled();
        if (!mine.taken && stalledIn <= 0) {
          break;
        }
        if (mine.taken) {
          // In a group being committed: only its leader can answer it now.
          settled.awaitUninterruptibly();
        } else {
          try {
            settled.awaitNanos(stalledIn);
          } catch (InterruptedException e) {
            // As with the untimed waits: the caller's answer is still owed; the flag is restored.
            interrupted = true;
          }
        }
      }
      if (mine.done) {
        return answer(mine);
      }
      leaders++;
    } finally {
      lock.unlock();
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    try {
      while (commitOneGroup(mine)) {
        // Until this caller's own item is committed, or taken by another leader's group.
      }
    } finally {
      lock.lock();
      try {
        leaders--;
        settled.signalAll();
      } finally {
        lock.unlock();
      }
    }
    lock.lock();
    try {
      while (!mine.done) {
        settled.awaitUninterruptibly();
      }
    } finally {
      lock.unlock();
    }
    return answer(mine);
  }

  /**
   * How long until every leader is in a commit that has run for {@code stallAfter}; 0 or less when
   * there is no leader or they all are.
   */
  private long untilAllStalled() {
    if (leaders == 0) {
      return 0;
    }
    if (commitsStarted.size() < leaders) {
      // A leader between two groups takes the next one at once.
      return stallAfterNanos;
    }
    long newest = commitsStarted.stream().mapToLong(Long::longValue).max().orElseThrow();
    return newest + stallAfterNanos - System.nanoTime();
  }

  /** How many callers wait for a commit now (for tests and gauges). */
  public int waitingCount() {
    lock.lock();
    try {
      return waiting.size();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Takes up to {@code maxGroup} waiting items and commits them; false, without committing, once
   * {@code mine} is no longer waiting to be taken.
   */
  private boolean commitOneGroup(Waiting<I, R> mine) {
    List<Waiting<I, R>> group = new ArrayList<>();
    Long started;
    lock.lock();
    try {
      if (mine.taken) {
        return false;
      }
      while (!waiting.isEmpty() && group.size() < maxGroup) {
        Waiting<I, R> next = waiting.poll();
        next.taken = true;
        group.add(next);
      }
      started = System.nanoTime();
      commitsStarted.add(started);
    } finally {
      lock.unlock();
    }
    List<Outcome<R>> outcomes = null;
    RuntimeException failure = null;
    try {
      outcomes = commit.apply(group.stream().map(w -> w.item).toList());
      if (outcomes.size() != group.size()) {
        failure =
            new IllegalStateException(
                "the commit answered " + outcomes.size() + " of " + group.size() + " items");
      }
    } catch (RuntimeException e) {
      failure = e;
    } catch (Error e) {
      failure = new IllegalStateException("the group's commit failed", e);
      settle(group, started, null, failure);
      throw e;
    }
    settle(group, started, outcomes, failure);
    return true;
  }

  private void settle(
      List<Waiting<I, R>> group,
      Long started,
      List<Outcome<R>> outcomes,
      RuntimeException failure) {
    lock.lock();
    try {
      commitsStarted.remove(started);
      for (int i = 0; i < group.size(); i++) {
        Waiting<I, R> w = group.get(i);
        if (failure != null) {
          w.groupFailure = failure;
        } else {
          w.outcome = outcomes.get(i);
        }
        w.done = true;
      }
      settled.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private R answer(Waiting<I, R> settled) {
    if (settled.groupFailure != null) {
      throw settled.groupFailure;
    }
    if (settled.outcome.error() != null) {
      throw settled.outcome.error();
    }
    return settled.outcome.value();
  }
}
