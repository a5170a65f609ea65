package io.accessproof.activities.reconcile;

import io.temporal.failure.ApplicationErrorCategory;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;

/**
 * A token bucket in front of Stripe's read API, shared by every activity execution in this process.
 * {@link #acquire()} blocks until a permit is free, at most {@code maxWait}; past that it fails
 * retryably so Temporal retries the activity later instead of holding a worker slot.
 *
 * <p>The bucket is per process: with N workers on the task queue, give each {@code rate / N} so
 * their sum stays under the account's limit. Stripe's live read limit is about 100 requests/s; the
 * default of 20/s leaves room for the app's own calls.
 */
public final class StripeRateLimiter {
    public static final double DEFAULT_PERMITS_PER_SECOND = 20;
    public static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(5);
    public static final String RATE_LIMITED_TYPE = "STRIPE_RATE_LIMITED_LOCALLY";

    /** Time source and sleeper; replaced by a fake in tests so nothing depends on wall time. */
    public interface Ticker {
        long nanoTime();

        void sleepNanos(long nanos) throws InterruptedException;

        Ticker SYSTEM = new Ticker() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public void sleepNanos(long nanos) throws InterruptedException {
                if (nanos > 0) {
                    Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
                }
            }
        };
    }

    private final double permitsPerNano;
    private final double burst;
    private final long maxWaitNanos;
    private final Ticker ticker;
    private double tokens;
    private long lastRefill;

    /** 20 requests/s, a burst of 20, waits at most 5 s. */
    public static StripeRateLimiter withDefaults() {
        return new StripeRateLimiter(DEFAULT_PERMITS_PER_SECOND, (int) DEFAULT_PERMITS_PER_SECOND, DEFAULT_MAX_WAIT);
    }

    public StripeRateLimiter(double permitsPerSecond, int burst, Duration maxWait) {
        this(permitsPerSecond, burst, maxWait, Ticker.SYSTEM);
    }

    public StripeRateLimiter(double permitsPerSecond, int burst, Duration maxWait, Ticker ticker) {
        if (!(permitsPerSecond > 0) || burst < 1 || maxWait.isNegative()) {
            throw new IllegalArgumentException("rate must be > 0, burst >= 1, maxWait >= 0");
        }
        this.permitsPerNano = permitsPerSecond / 1e9;
        this.burst = burst;
        this.maxWaitNanos = maxWait.toNanos();
        this.ticker = ticker;
        this.tokens = burst;
        this.lastRefill = ticker.nanoTime();
    }

    /** Takes one permit, waiting at most {@code maxWait}; else throws a retryable, benign {@code ApplicationFailure}. */
    public void acquire() {
        long wait = reserve();
        if (wait < 0) {
            throw ApplicationFailure.newBuilder()
                    .setMessage("local Stripe rate limit: no permit within " + Duration.ofNanos(maxWaitNanos).toMillis() + " ms")
                    .setType(RATE_LIMITED_TYPE)
                    .setCategory(ApplicationErrorCategory.BENIGN)
                    .build();
        }
        if (wait > 0) {
            try {
                ticker.sleepNanos(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for a Stripe permit", e);
            }
        }
    }

    /** @return nanos to wait for the reserved permit, or -1 when that would exceed maxWait (nothing reserved) */
    private synchronized long reserve() {
        long now = ticker.nanoTime();
        tokens = Math.min(burst, tokens + (now - lastRefill) * permitsPerNano);
        lastRefill = now;
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        long wait = (long) Math.ceil((1 - tokens) / permitsPerNano);
        if (wait > maxWaitNanos) {
            return -1;
        }
        tokens -= 1; // goes negative: a reservation later callers queue behind
        return wait;
    }
}
