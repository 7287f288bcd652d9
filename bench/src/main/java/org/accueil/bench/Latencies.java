package org.accueil.bench;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Response times of one measured operation, recorded from any number of threads into an
 * HdrHistogram (3 significant digits, 1 µs to 1 min): percentiles are read from every sample, not
 * from an average or a sample of samples.
 */
final class Latencies {

  private final Recorder recorder = new Recorder(TimeUnit.MINUTES.toNanos(1), 3);

  /** Records one call that began at {@code startNanos} (a {@link System#nanoTime()} reading). */
  void since(long startNanos) {
    recorder.recordValue(Math.max(1, System.nanoTime() - startNanos));
  }

  /**
   * Records a duration measured some other way (two clocks' readings, two timestamps in the
   * database); below 1 ns it counts as 1 ns.
   */
  void record(long nanos) {
    recorder.recordValue(Math.max(1, Math.min(nanos, TimeUnit.MINUTES.toNanos(1))));
  }

  /** What was recorded since the last call, as a summary; recording starts afresh. */
  Summary take() {
    Histogram h = recorder.getIntervalHistogram();
    return new Summary(
        h.getTotalCount(),
        millis(h.getValueAtPercentile(50)),
        millis(h.getValueAtPercentile(90)),
        millis(h.getValueAtPercentile(95)),
        millis(h.getValueAtPercentile(99)),
        millis(h.getMaxValue()),
        h.getMean() / 1e6);
  }

  private static double millis(long nanos) {
    return nanos / 1e6;
  }

  /** Milliseconds. */
  record Summary(
      long count, double p50, double p90, double p95, double p99, double max, double mean) {}
}
