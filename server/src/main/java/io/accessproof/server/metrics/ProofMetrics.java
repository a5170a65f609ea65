package io.accessproof.server.metrics;

import io.accessproof.activities.runs.RunOutcomes;
import io.accessproof.workflows.model.RunState;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;

/**
 * The verdicts in Prometheus, counted where the worker writes them: {@code accessproof_verdicts_total} by outcome,
 * {@code accessproof_incidents_opened_total} by kind, and {@code accessproof_time_to_proof_seconds} (classic and
 * native buckets) by event type, from Stripe's event to the proof.
 */
public final class ProofMetrics implements RunOutcomes {
    private final Counter verdicts;
    private final Counter incidents;
    private final Histogram timeToProof;

    public ProofMetrics(PrometheusRegistry registry) {
        verdicts = Counter.builder().name("accessproof_verdicts_total")
                .help("Runs that reached a verdict, by outcome (proven, proven_late, incident, superseded, ...)")
                .labelNames("outcome").register(registry);
        incidents = Counter.builder().name("accessproof_incidents_opened_total")
                .help("Incidents opened, by kind (access_not_granted, stripe_auth, ...)")
                .labelNames("kind").register(registry);
        timeToProof = Histogram.builder().name("accessproof_time_to_proof_seconds")
                .help("From the Stripe event's creation to its proof, by event type")
                .labelNames("event_type").register(registry);
    }

    /** An incident of this kind was opened. */
    public void incidentOpened(String kind) {
        incidents.labelValues(kind).inc();
    }

    @Override
    public void reached(String eventType, RunState state, Duration sinceStripeEvent) {
        verdicts.labelValues(state.wire()).inc();
        if ((state == RunState.PROVEN || state == RunState.PROVEN_LATE) && sinceStripeEvent != null) {
            timeToProof.labelValues(eventType == null ? "unknown" : eventType)
                    .observe(Math.max(0, sinceStripeEvent.toMillis()) / 1000.0);
        }
    }
}
