package io.accessproof.server.intake;

import java.util.function.LongSupplier;

/** How many re-driven events the outbox may hand over now: {@code perSecond}, saving up at most {@code burst}. */
final class RedrivePace {
    private final double perSecond;
    private final int burst;
    private final LongSupplier nanoTime;
    private double saved;
    private long lastNanos;

    RedrivePace(double perSecond, int burst) {
        this(perSecond, burst, System::nanoTime);
    }

    RedrivePace(double perSecond, int burst, LongSupplier nanoTime) {
        this.perSecond = perSecond;
        this.burst = burst;
        this.nanoTime = nanoTime;
        this.lastNanos = nanoTime.getAsLong();
    }

    /** Takes up to {@code wanted} hand-overs; returns how many are allowed now. */
    synchronized int take(int wanted) {
        long now = nanoTime.getAsLong();
        saved = Math.min(burst, saved + (now - lastNanos) / 1e9 * perSecond);
        lastNanos = now;
        int allowed = (int) Math.min(wanted, Math.floor(saved));
        saved -= allowed;
        return allowed;
    }
}
