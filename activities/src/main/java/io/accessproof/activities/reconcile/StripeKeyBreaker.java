package io.accessproof.activities.reconcile;

import io.accessproof.store.stripe.KeyBreakerDao;
import io.accessproof.workflows.FailureType;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * A circuit breaker on a key Stripe refused, shared by every worker through PostgreSQL
 * ({@code stripe_key_breakers}): after a 401, one read per {@code probeEvery} goes through for the
 * whole cluster (the probe) and every other read fails at once as refused, until a read succeeds.
 * A worker that has seen no refusal asks PostgreSQL at most every {@link #FRESHNESS}.
 */
final class StripeKeyBreaker {
    static final Duration FRESHNESS = Duration.ofSeconds(5);

    private final Jdbi jdbi;
    private final String bucket;
    private final double everySeconds;
    private volatile boolean open;
    private volatile long checkedAtNanos = Long.MIN_VALUE / 2;

    StripeKeyBreaker(Jdbi jdbi, String bucket, Duration probeEvery) {
        this.jdbi = jdbi;
        this.bucket = bucket;
        this.everySeconds = probeEvery.toNanos() / 1e9;
    }

    /** Lets the read through, or throws the refusal while the breaker is open and this read is not the probe. */
    void admit() {
        if (!open && System.nanoTime() - checkedAtNanos < FRESHNESS.toNanos()) {
            return;
        }
        Optional<Boolean> due = jdbi.withExtension(KeyBreakerDao.class, breakers -> breakers.probeDue(bucket));
        checkedAtNanos = System.nanoTime();
        open = due.isPresent();
        if (open && !(due.get() && claimProbe())) {
            throw ApplicationFailure.newNonRetryableFailure("Stripe refused the API key; until it works, one read per "
                    + Duration.ofNanos((long) (everySeconds * 1e9)) + " goes through for the whole cluster and this one "
                    + "was not it", FailureType.STRIPE_KEY_REFUSED.name());
        }
    }

    /** Stripe answered 401: open (or keep open) the breaker. */
    void refused() {
        jdbi.useExtension(KeyBreakerDao.class, breakers -> breakers.open(bucket, everySeconds));
        open = true;
        checkedAtNanos = System.nanoTime();
    }

    /** A read succeeded: the key works, close the breaker for everyone. */
    void accepted() {
        if (open) {
            jdbi.useExtension(KeyBreakerDao.class, breakers -> breakers.close(bucket));
            open = false;
        }
    }

    private boolean claimProbe() {
        return jdbi.withExtension(KeyBreakerDao.class, breakers -> breakers.claimProbe(bucket, everySeconds));
    }
}
