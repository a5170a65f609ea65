package io.accessproof.devkit.load;

import org.HdrHistogram.Histogram;

/**
 * What a run measured: its ledger, the latency of every answered request from its due time (µs),
 * and how long it took from the first due time to the last answer.
 */
public record LoadResult(String name, Schedule schedule, Ledger ledger, Histogram latencyMicros, long elapsedNanos) {

    /** 2xx answers per second over the run, from the first due time to the last answer. */
    public double acceptedPerSecond() {
        return elapsedNanos <= 0 ? 0 : ledger.ok() * 1e9 / elapsedNanos;
    }

    public double percentileMillis(double percentile) {
        return latencyMicros.getTotalCount() == 0 ? Double.NaN : latencyMicros.getValueAtPercentile(percentile) / 1000.0;
    }

    public double maxMillis() {
        return latencyMicros.getTotalCount() == 0 ? Double.NaN : latencyMicros.getMaxValue() / 1000.0;
    }

    public String summary() {
        return String.format("%s: %s, %.0f accepted/s, latency p50 %.2f ms, p99 %.2f ms, max %.2f ms%n  ledger: %s",
                name, schedule, acceptedPerSecond(), percentileMillis(50), percentileMillis(99), maxMillis(), ledger);
    }
}
