package io.hookline.platform;

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
    boolean done;

    Waiting(I item) {
      this.item = item;
    }
  }

  private final Function<List<I>, List<Outcome<R>>> commit;
  private final int maxGroup;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition settled = lock.newCondition();
  private final ArrayDeque<Waiting<I, R>> waiting = new ArrayDeque<>();
  private boolean leading;

  /**
   * @param commit commits a group in one go and answers each item, in order
   */
  public GroupCommit(Function<List<I>, List<Outcome<R>>> commit, int maxGroup) {
    if (maxGroup < 1) {
      throw new IllegalArgumentException("maxGroup must be at least 1");
    }
    this.commit = commit;
    this.maxGroup = maxGroup;
  }

  /** Commits the item with whatever else is waiting, and returns its answer or throws its error. */
  public R submit(I item) {
    Waiting<I, R> mine = new Waiting<>(item);
    lock.lock();
    try {
      waiting.add(mine);
      while (!mine.done && leading) {
        settled.awaitUninterruptibly();
      }
      if (mine.done) {
        return answer(mine);
      }
      leading = true;
    } finally {
      lock.unlock();
    }
    try {
      while (!mine.done) {
        commitOneGroup();
      }
    } finally {
      lock.lock();
      try {
        leading = false;
        settled.signalAll();
      } finally {
        lock.unlock();
      }
    }
    return answer(mine);
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

  private void commitOneGroup() {
    List<Waiting<I, R>> group = new ArrayList<>();
    lock.lock();
    try {
      while (!waiting.isEmpty() && group.size() < maxGroup) {
        group.add(waiting.poll());
      }
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
      settle(group, null, failure);
      throw e;
    }
    settle(group, outcomes, failure);
  }

  private void settle(
      List<Waiting<I, R>> group, List<Outcome<R>> outcomes, RuntimeException failure) {
    lock.lock();
    try {
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
