package io.hookline.bench;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/** Latencies recorded from many threads, in microseconds up to an hour, 3 significant digits. */
public final class Latencies {
  private final Histogram histogram = new ConcurrentHistogram(TimeUnit.HOURS.toMicros(1), 3);

  public void recordNanos(long nanos) {
    histogram.recordValue(
        Math.min(histogram.getHighestTrackableValue(), Math.max(0, nanos / 1000)));
  }

  public Summary summary() {
    return new Summary(
        histogram.getTotalCount(),
        millis(histogram.getValueAtPercentile(50)),
        millis(histogram.getValueAtPercentile(90)),
        millis(histogram.getValueAtPercentile(99)),
        millis(histogram.getMaxValue()));
  }

  private static double millis(long micros) {
    return micros / 1000.0;
  }

  /** Counted values and their percentiles, in milliseconds (0 when nothing was recorded). */
  public record Summary(long count, double p50, double p90, double p99, double max) {}
}
