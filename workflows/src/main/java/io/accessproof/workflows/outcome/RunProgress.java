package io.accessproof.workflows.outcome;

import io.accessproof.workflows.model.Expectation;
import io.accessproof.workflows.model.IncidentKind;
import io.accessproof.workflows.model.Observation;
import io.accessproof.workflows.model.OutcomeInput;
import io.accessproof.workflows.model.ProofSource;
import io.accessproof.workflows.model.ProvingPolicy;
import io.accessproof.workflows.model.RunSnapshot;
import io.accessproof.workflows.model.RunState;
import io.accessproof.workflows.model.StripeEventFacts;
import java.time.Duration;

/**
 * Everything a run knows, in one object: written by the run's thread and its handlers, read by the query.
 * Fields rather than accessors: it never leaves the workflow, and the phase script reads best this way.
 */
final class RunProgress {
    final String eventId;
    final ReceiptBook receipts = new ReceiptBook();
    StripeEventFacts event;
    ProvingPolicy policy;
    RunState state = RunState.ACCEPTED;
    Expectation expected;
    Observation observed;
    ProofSource proofSource;
    String incidentId;
    IncidentKind incidentKind;
    /** Why the last reconcile could not read Stripe; null once it could. */
    Blindness stripeBlind;
    String untrackedType;
    int checks;

    RunProgress(OutcomeInput input) {
        this.eventId = input.eventId();
        this.event = input.event();
        this.policy = input.policy();
    }

    RunSnapshot snapshot() {
        return new RunSnapshot(eventId, state, event, expected, observed, proofSource, receipts.all(), incidentId,
                checks);
    }

    /** The customer the app is probed for: Stripe's answer first, then the event's. */
    String probedCustomerId() {
        return IncidentEvidence.firstNonNull(expected == null ? null : expected.customerId(),
                event == null ? null : event.customerId());
    }

    /** The customer a receipt must name: the event's first, then Stripe's answer. */
    String customerId() {
        return IncidentEvidence.firstNonNull(event == null ? null : event.customerId(),
                expected == null ? null : expected.customerId());
    }

    String subscriptionId() {
        return IncidentEvidence.firstNonNull(expected == null ? null : expected.subscriptionId(),
                event == null ? null : event.subscriptionId());
    }

    /** Stripe answered that it will not serve this read; re-asking before the deadline cannot help. */
    boolean stripeRefused() {
        return expected == null && stripeBlind != null && stripeBlind.refused();
    }

    /** How long a receipt-created run still waits for a late event once its receipt window has passed. */
    Duration restOfHorizonAfterReceiptWindow() {
        Duration rest = policy.horizon().minus(policy.receiptWindow());
        return rest.isNegative() ? Duration.ZERO : rest;
    }

    Boolean livemode() {
        return event == null ? null : event.livemode();
    }
}
