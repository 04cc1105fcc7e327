package io.hookline.bench;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Latencies recorded from many threads, in microseconds up to an hour, 3 significant digits.
 *
 * <p>Each value is also filed under the 100 ms window in which its request was due, so that a
 * report can say <em>when</em> the slowest requests were due: whether a tail is one stall (a pause,
 * a checkpoint, a vacuum) or spread over the phase, and, by their wall-clock times, what the
 * servers' logs say happened then.
 */
public final class Latencies {
  static final long WINDOW_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
  private static final int SLOWEST_WINDOWS = 5;
  private static final long WALL_MINUS_NANO_MICROS =
      TimeUnit.MILLISECONDS.toMicros(System.currentTimeMillis())
          - TimeUnit.NANOSECONDS.toMicros(System.nanoTime());

  private final Histogram histogram = new ConcurrentHistogram(TimeUnit.HOURS.toMicros(1), 3);
  private final Map<Long, Window> windows = new ConcurrentHashMap<>();

  /** Records a latency and files it under the window of {@code dueNanos} (a nanoTime). */
  public void recordNanos(long nanos, long dueNanos) {
    histogram.recordValue(
        Math.min(histogram.getHighestTrackableValue(), Math.max(0, nanos / 1000)));
    windows
        .computeIfAbsent(Math.floorDiv(dueNanos, WINDOW_NANOS), index -> new Window())
        .record(nanos);
  }

  public Summary summary() {
    List<SlowWindow> slowest =
        windows.entrySet().stream()
            .sorted(
                Comparator.comparingLong((Map.Entry<Long, Window> e) -> e.getValue().max.get())
                    .reversed())
            .limit(SLOWEST_WINDOWS)
            .map(e -> e.getValue().describe(e.getKey()))
            .toList();
    return new Summary(
        histogram.getTotalCount(),
        millis(histogram.getValueAtPercentile(50)),
        millis(histogram.getValueAtPercentile(90)),
        millis(histogram.getValueAtPercentile(99)),
        millis(histogram.getMaxValue()),
        slowest);
  }

  private static double millis(long micros) {
    return micros / 1000.0;
  }

  /** Counted values and their percentiles, in milliseconds (0 when nothing was recorded). */
  public record Summary(
      long count, double p50, double p90, double p99, double max, List<SlowWindow> slowest) {}

  /** The requests due in one 100 ms window that starts at {@code due}: how many, the slowest. */
  public record SlowWindow(Instant due, long count, double maxMs) {}

  private static final class Window {
    final LongAdder count = new LongAdder();
    final LongAccumulator max = new LongAccumulator(Math::max, 0);

    void record(long nanos) {
      count.increment();
      max.accumulate(nanos);
    }

    SlowWindow describe(long index) {
      long startMicros = TimeUnit.NANOSECONDS.toMicros(index * WINDOW_NANOS);
      Instant due = Instant.EPOCH.plus(WALL_MINUS_NANO_MICROS + startMicros, ChronoUnit.MICROS);
      return new SlowWindow(due, count.sum(), max.get() / 1e6);
    }
  }
}
