package io.accessproof.server.receipts;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * How fast one app may send receipts for events accessproof has not stored: a token bucket of
 * {@code perSecond} tokens a second holding at most {@code max(1, perSecond)}, per replica.
 */
final class UnseenRate {
    private final double perNano;
    private final double capacity;
    private final LongSupplier nanoTime;
    private double tokens;
    private long updated;

    UnseenRate(double perSecond, LongSupplier nanoTime) {
        this.perNano = perSecond / TimeUnit.SECONDS.toNanos(1);
        this.capacity = Math.max(1, perSecond);
        this.nanoTime = nanoTime;
        this.tokens = capacity;
        this.updated = nanoTime.getAsLong();
    }

    synchronized boolean tryAcquire() {
        long now = nanoTime.getAsLong();
        tokens = Math.min(capacity, tokens + (now - updated) * perNano);
        updated = now;
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }
}
