package io.accessproof.workflows.outcome;

import io.accessproof.workflows.model.Observation;
import io.accessproof.workflows.model.ProbeRequest;
import io.temporal.activity.ActivityInterface;

/** Reads the customer-visible state in the app. */
@ActivityInterface
public interface EntitlementActivities {

    /**
     * Probes the app once (HTTP or SQL, as configured). An unreachable app is an observation with
     * {@code reachable=false}, not a failure, so the run keeps its own schedule; only a probe that can
     * never work fails with {@code PROBE_MISCONFIGURED}. Read-only, so safe to repeat.
     */
    Observation probe(ProbeRequest request);
}
