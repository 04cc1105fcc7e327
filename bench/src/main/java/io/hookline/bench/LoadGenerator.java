package io.hookline.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * Drives requests either as fast as N clients can (each sends its next request when the last is
 * answered: the most the server takes), or at a fixed rate, where each request's latency counts
 * from when it was due, not when it went out, so a stall is not hidden by the requests it delayed
 * (coordinated omission).
 */
public final class LoadGenerator {
  private static final int MAX_ERRORS = 3;

  /** The most seconds of a run whose accepted events are counted second by second. */
  private static final int MAX_SECONDS = 4 * 3600;

  private LoadGenerator() {}

  /** One request. */
  @FunctionalInterface
  public interface Request {
    /**
     * @param dueNanos when the request was due ({@link System#nanoTime()})
     * @param sequence a number unique within the run
     * @return how many events it got accepted (0 for a refused or failed request)
     */
    int send(long dueNanos, long sequence);
  }

  /**
   * What a run did: requests, accepted events, failures, the span and the latencies.
   *
   * @param errors the first few distinct errors a request threw (a refusal by status is not one)
   * @param acceptedBySecond events accepted in each whole second of the run's scheduled load, by
   *     when they were answered (answers after it, while the last requests drain, are not counted)
   */
  public record Result(
      long requests,
      long accepted,
      long failures,
      Duration elapsed,
      Latencies.Summary latency,
      List<String> errors,
      List<Long> acceptedBySecond) {

    public Result(
        long requests,
        long accepted,
        long failures,
        Duration elapsed,
        Latencies.Summary latency,
        List<String> errors) {
      this(requests, accepted, failures, elapsed, latency, errors, List.of());
    }

    /**
     * Accepted events per second over each {@code slice} of the run, the last slice only if whole:
     * how a young node's rate grows.
     */
    public List<Double> ratePer(Duration slice) {
      int seconds = (int) Math.max(1, slice.toSeconds());
      List<Double> rates = new ArrayList<>();
      for (int from = 0; from + seconds <= acceptedBySecond.size(); from += seconds) {
        long sum = 0;
        for (int i = from; i < from + seconds; i++) {
          sum += acceptedBySecond.get(i);
        }
        rates.add(sum / (double) seconds);
      }
      return rates;
    }

    public double acceptedPerSecond() {
      return seconds() <= 0 ? 0 : accepted / seconds();
    }

    public double seconds() {
      return elapsed.toNanos() / 1e9;
    }
  }

  public static Result closedLoop(int clients, Duration duration, Request request) {
    Run run = new Run(request, duration);
    AtomicLong sequence = new AtomicLong();
    long start = run.start;
    long end = start + duration.toNanos();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      Thread thread =
          new Thread(
              () -> {
                long now;
                while ((now = System.nanoTime()) < end) {
                  run.send(now, sequence.getAndIncrement());
                }
              },
              "bench-client-" + i);
      threads.add(thread);
      thread.start();
    }
    joinAll(threads);
    return run.result();
  }

  /** The most requests a fixed rate keeps in flight unless told otherwise. */
  public static final int DEFAULT_IN_FLIGHT = 64;

  public static Result fixedRate(double perSecond, Duration duration, Request request) {
    return fixedRate(perSecond, duration, DEFAULT_IN_FLIGHT, request);
  }

  /**
   * @param maxInFlight the most requests out at once: a request due while that many are out waits
   *     for one to be answered, and its latency still counts from when it was due. Senders are
   *     started as requests need them, so a low rate keeps few.
   */
  public static Result fixedRate(
      double perSecond, Duration duration, int maxInFlight, Request request) {
    return fixedRate(perSecond, duration, maxInFlight, () -> false, request);
  }

  /**
   * As {@link #fixedRate(double, Duration, int, Request)}, going on past {@code duration} for as
   * long as {@code more} says so (asked before each request due after it).
   */
  public static Result fixedRate(
      double perSecond,
      Duration duration,
      int maxInFlight,
      java.util.function.BooleanSupplier more,
      Request request) {
    Run run = new Run(request, duration);
    ThreadPoolExecutor senders =
        new ThreadPoolExecutor(
            0,
            maxInFlight,
            30,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            // At the cap the schedule waits for a sender; the requests it delays count as late.
            (task, pool) -> {
              try {
                pool.getQueue().put(task);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
              }
            });
    long period = Math.round(1e9 / perSecond);
    long start = run.start;
    long count = (long) Math.floor(duration.toNanos() / (double) period);
    for (long i = 0; i < count || more.getAsBoolean(); i++) {
      long due = start + i * period;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      long sequence = i;
      senders.execute(() -> run.send(due, sequence));
    }
    senders.shutdown();
    try {
      if (!senders.awaitTermination(2, TimeUnit.MINUTES)) {
        throw new IllegalStateException("requests still unanswered two minutes after the run");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    return run.result();
  }

  /** The counts of one run, from many threads; a request's latency counts from when it was due. */
  private static final class Run {
    final Request request;
    final long start = System.nanoTime();
    final Latencies latencies = new Latencies();
    final LongAdder requests = new LongAdder();
    final LongAdder accepted = new LongAdder();
    final LongAdder failures = new LongAdder();
    final List<String> errors = new ArrayList<>();
    final java.util.concurrent.atomic.AtomicLongArray bySecond;

    /**
     * @param scheduled how long the load is meant to run: its whole seconds are counted one by one
     */
    Run(Request request, Duration scheduled) {
      this.request = request;
      this.bySecond =
          new java.util.concurrent.atomic.AtomicLongArray(
              (int) Math.min(MAX_SECONDS, scheduled.toSeconds()));
    }

    void send(long due, long sequence) {
      int got;
      try {
        got = request.send(due, sequence);
      } catch (RuntimeException e) {
        got = 0;
        String error = e.getCause() != null ? e.getCause().toString() : e.toString();
        synchronized (errors) {
          if (errors.size() < MAX_ERRORS && !errors.contains(error)) {
            errors.add(error);
          }
        }
      }
      latencies.recordNanos(System.nanoTime() - due, due);
      requests.increment();
      if (got == 0) {
        failures.increment();
      }
      accepted.add(got);
      long second = (System.nanoTime() - start) / 1_000_000_000L;
      if (got > 0 && second < bySecond.length()) {
        bySecond.addAndGet((int) second, got);
      }
    }

    Result result() {
      long elapsed = System.nanoTime() - start;
      // Whole seconds of the scheduled load only: a last part-second would read as a slow one.
      int whole = (int) Math.min(bySecond.length(), elapsed / 1_000_000_000L);
      List<Long> perSecond = new ArrayList<>(whole);
      for (int i = 0; i < whole; i++) {
        perSecond.add(bySecond.get(i));
      }
      return new Result(
          requests.sum(),
          accepted.sum(),
          failures.sum(),
          Duration.ofNanos(elapsed),
          latencies.summary(),
          errorsSoFar(),
          List.copyOf(perSecond));
    }

    List<String> errorsSoFar() {
      synchronized (errors) {
        return List.copyOf(errors);
      }
    }
  }

  private static void joinAll(List<Thread> threads) {
    for (Thread thread : threads) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }
}
