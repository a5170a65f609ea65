package io.accessproof.devkit.load;

import org.HdrHistogram.Histogram;

/**
 * What a run measured: its ledger, the latency of every answered request from its due time (µs),
 * and how long it took from the first due time to the last answer.
 */
public record LoadResult(String name, Schedule schedule, Ledger ledger, Histogram latencyMicros, long elapsedNanos,
                         int measuredOk, Histogram firstSecondMicros) {

    /** A run without warm-up: every request is measured. */
    public LoadResult(String name, Schedule schedule, Ledger ledger, Histogram latencyMicros, long elapsedNanos) {
        this(name, schedule, ledger, latencyMicros, elapsedNanos, (int) ledger.ok(), null);
    }

    /** 2xx answers per second over the measured part, from its first due time to the last answer. */
    public double acceptedPerSecond() {
        return elapsedNanos <= 0 ? 0 : measuredOk * 1e9 / elapsedNanos;
    }

    public double percentileMillis(double percentile) {
        return latencyMicros.getTotalCount() == 0 ? Double.NaN : latencyMicros.getValueAtPercentile(percentile) / 1000.0;
    }

    public double maxMillis() {
        return latencyMicros.getTotalCount() == 0 ? Double.NaN : latencyMicros.getMaxValue() / 1000.0;
    }

    public String summary() {
        String measured = String.format("%s: %s, %.0f accepted/s, latency p50 %.2f ms, p99 %.2f ms, max %.2f ms",
                name, schedule, acceptedPerSecond(), percentileMillis(50), percentileMillis(99), maxMillis());
        String warmup = schedule.warmups() == 0 || firstSecondMicros == null ? "" : String.format(
                "%n  warm-up: %d requests, in the ledger and the store check, not in the latency above; first second "
                        + "(%d requests) p50 %.2f ms, p99 %.2f ms, max %.2f ms", schedule.warmups(),
                firstSecondMicros.getTotalCount(), firstSecondMicros.getValueAtPercentile(50) / 1000.0,
                firstSecondMicros.getValueAtPercentile(99) / 1000.0, firstSecondMicros.getMaxValue() / 1000.0);
        return measured + warmup + String.format("%n  ledger: %s", ledger);
    }
}
