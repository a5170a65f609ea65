package io.accessproof.workflows.model;

import java.time.Duration;

/**
 * How long and how often a run tries to prove its outcome. Built by the server from configuration for
 * the event's type, so the workflow reads no configuration itself.
 *
 * @param probe          how the app's state is read
 * @param deadline       from the run's start to the incident when unproven
 * @param firstRecheck   wait after the first failed check
 * @param backoff        multiplier between re-checks
 * @param maxRecheck     longest wait between re-checks before the deadline
 * @param watchCadence   wait between re-checks after an incident
 * @param horizon        from the run's start to the end of watching after an incident
 * @param receiptWindow  how long a run created by a receipt waits for its Stripe event
 */
public record ProvingPolicy(
        ProbeKind probe,
        Duration deadline,
        Duration firstRecheck,
        double backoff,
        Duration maxRecheck,
        Duration watchCadence,
        Duration horizon,
        Duration receiptWindow) {

    public static ProvingPolicy defaults(ProbeKind probe, Duration deadline) {
        return new ProvingPolicy(probe, deadline, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(30),
                Duration.ofMinutes(10), Duration.ofHours(24), Duration.ofHours(1));
    }
}
