package io.accessproof.activities.probes;

import io.accessproof.workflows.model.Observation;

/** Reads what the app shows one customer. Read-only, so any number of calls is safe. */
public interface Probe {

    /**
     * Never throws for an app that is down, slow or wrong: that is an {@link Observation} with
     * {@code reachable=false}. Throws a non-retryable {@code PROBE_MISCONFIGURED} failure only when
     * the probe can never work.
     */
    Observation observe(String customerId);
}
