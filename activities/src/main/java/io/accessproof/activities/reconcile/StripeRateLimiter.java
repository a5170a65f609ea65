package io.accessproof.activities.reconcile;

import io.accessproof.store.stripe.RateLimitDao;
import io.accessproof.workflows.FailureType;
import io.temporal.failure.ApplicationErrorCategory;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * The budget of Stripe read requests shared by every worker of the cluster: a row of
 * {@code stripe_rate_limits} in the PostgreSQL they all use holds the bucket's schedule (GCRA: the
 * theoretical arrival time of the next permit), so N workers together stay under one rate. Stripe's read
 * limit is 25/s in test mode and 100/s in live mode; the default of 20/s leaves room for the app's own calls.
 *
 * <p>{@link #acquire()} reserves the next permit in one statement and sleeps until its slot, at most
 * {@code maxWait}; past that it reserves nothing and fails retryably, so Temporal retries the activity
 * later instead of holding a worker slot. Slots are reckoned on the database's clock, one for all workers.
 */
public final class StripeRateLimiter {
    public static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(5);
    public static final String DEFAULT_BUCKET = "stripe-api";
    public static final String RATE_LIMITED_TYPE = FailureType.STRIPE_RATE_LIMITED.name();
    public static final Duration DEFAULT_PROBE_EVERY = Duration.ofMinutes(1);

    /** Waits out a reserved slot; replaced in tests so that nothing depends on wall time. */
    public interface Sleeper {
        void sleep(Duration wait) throws InterruptedException;

        Sleeper SYSTEM = wait -> Thread.sleep(wait.toMillis(), wait.toNanosPart() % 1_000_000);
    }

    // Reserves the next permit when its slot is within maxWait; answers the seconds to wait for it.

    private final Jdbi jdbi;
    private final String bucket;
    private final double interval;
    private final double tau;
    private final Duration maxWait;
    private final Sleeper sleeper;
    private final StripeKeyBreaker breaker;
    private final Runnable onRefusal;
    private final Runnable onPermit;

    public StripeRateLimiter(Jdbi jdbi, String bucket, double permitsPerSecond, int burst, Duration maxWait,
                             Sleeper sleeper) {
        this(jdbi, bucket, permitsPerSecond, burst, maxWait, sleeper, DEFAULT_PROBE_EVERY, () -> { }, () -> { });
    }

    /**
     * @param probeEvery  while Stripe refuses the key, one read per this interval goes through for all workers
     * @param onRefusal   told of every 401 Stripe answers (the {@code stripe.auth_failures} metric)
     * @param onPermit    told of every permit taken (the {@code stripe.permits} metric: the budget in use)
     */
    public StripeRateLimiter(Jdbi jdbi, String bucket, double permitsPerSecond, int burst, Duration maxWait,
                             Sleeper sleeper, Duration probeEvery, Runnable onRefusal, Runnable onPermit) {
        if (!(permitsPerSecond > 0) || burst < 1 || maxWait.isNegative()) {
            throw new IllegalArgumentException("rate must be > 0, burst >= 1, maxWait >= 0");
        }
        this.jdbi = jdbi;
        this.bucket = bucket;
        this.interval = 1 / permitsPerSecond;
        this.tau = (burst - 1) * interval;
        this.maxWait = maxWait;
        this.sleeper = sleeper;
        this.breaker = new StripeKeyBreaker(jdbi, bucket, probeEvery);
        this.onRefusal = onRefusal;
        this.onPermit = onPermit;
    }

    /**
     * Takes one permit, waiting at most {@code maxWait}; else throws a retryable, benign {@code ApplicationFailure}.
     * While Stripe refuses the key, throws that refusal at once unless this read is the cluster's probe.
     */
    public void acquire() {
        breaker.admit();
        Duration wait = reserve().orElseThrow(this::limited);
        onPermit.run();
        if (wait.isZero() || wait.isNegative()) {
            return;
        }
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a Stripe permit", e);
        }
    }

    /** Stripe answered 401 to a read: reads wait for the breaker's probe from now on. */
    public void keyRefused() {
        onRefusal.run();
        breaker.refused();
    }

    /** A read succeeded. */
    public void keyAccepted() {
        breaker.accepted();
    }

    /** The wait for the reserved permit; empty when none was free within maxWait (nothing reserved). */
    private Optional<Duration> reserve() {
        return jdbi.withExtension(RateLimitDao.class, limits -> {
            Optional<Double> seconds = limits.reserve(bucket, interval, tau, maxWait.toNanos() / 1e9);
            if (seconds.isEmpty() && limits.create(bucket)) {
                return reserve(); // the bucket's first permit ever
            }
            return seconds.map(s -> Duration.ofNanos(Math.round(s * 1e9)));
        });
    }

    private ApplicationFailure limited() {
        return ApplicationFailure.newBuilder()
                .setMessage("Stripe rate limit (bucket " + bucket + "): no permit within " + maxWait.toMillis() + " ms")
                .setType(RATE_LIMITED_TYPE)
                .setCategory(ApplicationErrorCategory.BENIGN)
                .build();
    }
}
