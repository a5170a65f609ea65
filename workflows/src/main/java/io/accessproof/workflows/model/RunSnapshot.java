package io.accessproof.workflows.model;

import java.util.List;

/** A run's live state, returned by the workflow's query. */
public record RunSnapshot(
        String eventId,
        RunState state,
        StripeEventFacts event,
        Expectation expected,
        Observation observed,
        ProofSource proofSource,
        List<Receipt> receipts,
        String incidentId,
        int checks) {
}
