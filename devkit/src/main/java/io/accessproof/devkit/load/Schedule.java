package io.accessproof.devkit.load;

import java.time.Duration;

/**
 * When each request of a run is due, as offsets from the start. The generator sends at these times
 * whatever the server does (an open model), and measures latency from them.
 */
public final class Schedule {
    /** Warm-up when the schedule's own rate cannot say one (a burst sent at once). */
    private static final double BURST_WARMUP_PER_SECOND = 10;

    private final long[] offsetsNanos;
    private final String description;
    private final int warmups;

    private Schedule(long[] offsetsNanos, String description) {
        this(offsetsNanos, description, 0);
    }

    private Schedule(long[] offsetsNanos, String description, int warmups) {
        this.offsetsNanos = offsetsNanos;
        this.description = description;
        this.warmups = warmups;
    }

    /** {@code perSecond} requests a second, evenly spaced, for {@code duration}. */
    public static Schedule constant(double perSecond, Duration duration) {
        if (!(perSecond > 0) || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("rate and duration must be positive");
        }
        int count = (int) Math.round(perSecond * duration.toNanos() / 1e9);
        return spread(Math.max(count, 1), 1e9 / perSecond, perSecond + "/s for " + seconds(duration));
    }

    /** {@code count} requests evenly spread over {@code over} (all at once when {@code over} is zero). */
    public static Schedule burst(int count, Duration over) {
        if (count < 1 || over.isNegative()) {
            throw new IllegalArgumentException("count must be >= 1 and the window >= 0");
        }
        return spread(count, (double) over.toNanos() / count, "burst of " + count + " over " + seconds(over));
    }

    private static Schedule spread(int count, double intervalNanos, String description) {
        long[] offsets = new long[count];
        for (int i = 0; i < count; i++) {
            offsets[i] = (long) (i * intervalNanos);
        }
        return new Schedule(offsets, description);
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() / 1000.0 + " s";
    }

    /**
     * This schedule after {@code warmup} of requests at its own mean rate (10/s for a burst at once): the
     * first {@link #warmups()} requests warm the sender and the server and are not part of the measurement.
     */
    public Schedule withWarmup(Duration warmup) {
        if (warmup.isNegative() || warmup.isZero()) {
            return this;
        }
        double perSecond = span().isZero() ? BURST_WARMUP_PER_SECOND
                : Math.max(1, (size() - 1) * 1e9 / span().toNanos());
        int count = Math.max(1, (int) Math.round(perSecond * warmup.toNanos() / 1e9));
        long[] offsets = new long[count + size()];
        for (int i = 0; i < count; i++) {
            offsets[i] = (long) (i * 1e9 / perSecond);
        }
        for (int i = 0; i < size(); i++) {
            offsets[count + i] = warmup.toNanos() + offsetsNanos[i];
        }
        return new Schedule(offsets, description + " after " + seconds(warmup) + " of warm-up", count);
    }

    /** How many of the first requests are warm-up. */
    public int warmups() {
        return warmups;
    }

    public int size() {
        return offsetsNanos.length;
    }

    public long offsetNanos(int i) {
        return offsetsNanos[i];
    }

    /** From the first due time to the last. */
    public Duration span() {
        return Duration.ofNanos(offsetsNanos[offsetsNanos.length - 1] - offsetsNanos[0]);
    }

    @Override
    public String toString() {
        return description;
    }
}
