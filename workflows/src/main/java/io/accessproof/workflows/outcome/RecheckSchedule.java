package io.accessproof.workflows.outcome;

import io.accessproof.workflows.model.ProvingPolicy;
import java.time.Duration;

/** The waits between checks before the deadline: firstRecheck, then ×backoff, capped at maxRecheck. */
final class RecheckSchedule {
    private final double backoff;
    private final Duration max;
    private Duration next;

    RecheckSchedule(ProvingPolicy policy) {
        this.backoff = Math.max(1.0, policy.backoff());
        this.max = policy.maxRecheck();
        this.next = min(policy.firstRecheck(), max);
    }

    Duration next() {
        Duration current = next;
        next = min(Duration.ofMillis((long) Math.ceil(current.toMillis() * backoff)), max);
        return current;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
