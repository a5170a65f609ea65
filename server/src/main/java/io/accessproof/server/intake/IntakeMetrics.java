package io.accessproof.server.intake;

import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricRegistry;

/**
 * Counters of the webhook endpoint: accepted, duplicate, and rejected by reason. The first three exist from
 * start-up, at zero, so a rule on them (no webhook for 30 minutes) has a series to read before the first event.
 */
public final class IntakeMetrics {
    private final MetricRegistry registry;
    private final Meter accepted;
    private final Meter duplicate;
    private final Meter storeUnavailable;

    public IntakeMetrics(MetricRegistry registry) {
        this.registry = registry;
        this.accepted = registry.meter("intake.accepted");
        this.duplicate = registry.meter("intake.duplicate");
        this.storeUnavailable = registry.meter("intake.store_unavailable");
    }

    void accepted() {
        accepted.mark();
    }

    void duplicate() {
        duplicate.mark();
    }

    void rejected(String reason) {
        registry.meter("intake.rejected." + reason.replaceAll("[^a-z]+", "_")).mark();
    }

    void storeUnavailable() {
        storeUnavailable.mark();
    }
}
