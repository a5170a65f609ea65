package io.accessproof.server.intake;

import com.codahale.metrics.MetricRegistry;

/** Counters of the webhook endpoint: accepted, duplicate, and rejected by reason. */
public final class IntakeMetrics {
    private final MetricRegistry registry;

    public IntakeMetrics(MetricRegistry registry) {
        this.registry = registry;
    }

    void accepted() {
        registry.meter("intake.accepted").mark();
    }

    void duplicate() {
        registry.meter("intake.duplicate").mark();
    }

    void rejected(String reason) {
        registry.meter("intake.rejected." + reason.replaceAll("[^a-z]+", "_")).mark();
    }

    void storeUnavailable() {
        registry.meter("intake.store_unavailable").mark();
    }
}
