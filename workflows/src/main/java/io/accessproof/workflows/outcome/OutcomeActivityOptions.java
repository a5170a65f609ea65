package io.accessproof.workflows.outcome;

import io.accessproof.workflows.FailureType;
import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.Duration;

/** Timeouts and retries of the activities a run calls; the workflow decides nothing by hand-written loops. */
public final class OutcomeActivityOptions {
    /** The shortest retry budget a reconcile gets, even when called at (or after) its phase's end. */
    static final Duration MIN_RECONCILE_BUDGET = Duration.ofSeconds(30);
    private static final Duration PROBE_ATTEMPT = Duration.ofSeconds(10);
    private static final Duration PROBE_TOTAL = Duration.ofSeconds(45);
    private static final Duration DURABLE_ATTEMPT = Duration.ofSeconds(30);

    private OutcomeActivityOptions() {
    }

    /** Stripe reads: backoff 1 s ×2 up to 1 min, 4xx that no retry can fix are final, total capped by the caller. */
    static ActivityOptions reconcile(Duration budget) {
        return ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofSeconds(30))
                .setScheduleToCloseTimeout(budget.compareTo(MIN_RECONCILE_BUDGET) < 0 ? MIN_RECONCILE_BUDGET : budget)
                .setRetryOptions(RetryOptions.newBuilder()
                        .setInitialInterval(Duration.ofSeconds(1))
                        .setBackoffCoefficient(2.0)
                        .setMaximumInterval(Duration.ofMinutes(1))
                        .setDoNotRetry(FailureType.STRIPE_NOT_FOUND.name(), FailureType.STRIPE_KEY_REFUSED.name(),
                                FailureType.STRIPE_PERMISSION.name(), FailureType.STRIPE_INVALID_REQUEST.name())
                        .build())
                .build();
    }

    /** One probe: short, a few attempts; the run's own schedule is the real retry. */
    static ActivityOptions probe() {
        return ActivityOptions.newBuilder()
                .setStartToCloseTimeout(PROBE_ATTEMPT)
                .setScheduleToCloseTimeout(PROBE_TOTAL)
                .setRetryOptions(probeRetries())
                .build();
    }

    /** {@link #probe()} run inside the workflow task; the marker keeps the observation, not the request. */
    static LocalActivityOptions localProbe() {
        return LocalActivityOptions.newBuilder()
                .setStartToCloseTimeout(PROBE_ATTEMPT)
                .setScheduleToCloseTimeout(PROBE_TOTAL)
                .setRetryOptions(probeRetries())
                .setDoNotIncludeArgumentsIntoMarker(true)
                .build();
    }

    private static RetryOptions probeRetries() {
        return RetryOptions.newBuilder()
                .setInitialInterval(Duration.ofSeconds(1))
                .setBackoffCoefficient(2.0)
                .setMaximumAttempts(3)
                .setDoNotRetry(FailureType.PROBE_MISCONFIGURED.name())
                .build();
    }

    /** Incident notifications: retried with backoff for an hour, then given up (the incident stays recorded). */
    public static ActivityOptions notifications() {
        return ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofMinutes(2))
                .setScheduleToCloseTimeout(Duration.ofHours(1))
                .setRetryOptions(RetryOptions.newBuilder()
                        .setInitialInterval(Duration.ofSeconds(2))
                        .setBackoffCoefficient(2.0)
                        .setMaximumInterval(Duration.ofMinutes(5))
                        .setDoNotRetry(FailureType.NOTIFICATION_REJECTED.name())
                        .build())
                .build();
    }

    /** PostgreSQL writes: must eventually happen, so retried without limit. */
    public static ActivityOptions durable() {
        return ActivityOptions.newBuilder()
                .setStartToCloseTimeout(DURABLE_ATTEMPT)
                .setRetryOptions(durableRetries())
                .build();
    }

    /**
     * {@link #durable()} run inside the workflow task. The arguments stay out of the marker: they are
     * the run's own state, and PostgreSQL keeps the timeline they write.
     */
    static LocalActivityOptions localDurable() {
        return LocalActivityOptions.newBuilder()
                .setStartToCloseTimeout(DURABLE_ATTEMPT)
                .setRetryOptions(durableRetries())
                .setDoNotIncludeArgumentsIntoMarker(true)
                .build();
    }

    private static RetryOptions durableRetries() {
        return RetryOptions.newBuilder()
                .setInitialInterval(Duration.ofSeconds(1))
                .setBackoffCoefficient(2.0)
                .setMaximumInterval(Duration.ofMinutes(1))
                .build();
    }
}
