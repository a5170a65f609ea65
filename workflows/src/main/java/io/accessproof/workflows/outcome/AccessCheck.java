package io.accessproof.workflows.outcome;

import io.accessproof.workflows.model.ProbeKind;
import io.accessproof.workflows.model.ProbeRequest;
import io.accessproof.workflows.model.RunState;

/**
 * One check of a run: reconcile from Stripe when the expectation is unknown or an operator asked, then assert
 * the customer-visible access (probe, receipts). A run an operator terminated meanwhile is closed.
 */
final class AccessCheck {
    enum Check { PROVEN, NOT_YET, CLOSED, STRIPE_REFUSED }

    private final RunProgress run;
    private final Inbox inbox;
    private final Timeline timeline;
    private final IncidentLifecycle incident;
    private final StripeTruth truth;
    private OutcomeStubs stubs;

    AccessCheck(RunProgress run, Inbox inbox, Timeline timeline, IncidentLifecycle incident) {
        this.run = run;
        this.inbox = inbox;
        this.timeline = timeline;
        this.incident = incident;
        this.truth = new StripeTruth(run, timeline, inbox);
    }

    void use(OutcomeStubs stubs) {
        this.stubs = stubs;
    }

    Check check(long phaseEnd) {
        if (run.state.closed()) {
            return Check.CLOSED;
        }
        timeline.flushNotes();
        if ((inbox.takeRecheck() || run.expected == null) && reconcile(phaseEnd) == Check.CLOSED) {
            return Check.CLOSED;
        }
        if (run.expected == null) {
            return run.stripeRefused() ? Check.STRIPE_REFUSED : Check.NOT_YET;
        }
        if (run.policy.probe() != ProbeKind.RECEIPT) {
            run.observed = stubs.probe(new ProbeRequest(run.eventId, run.probedCustomerId(), run.expected));
        }
        run.checks++;
        run.proofSource = Verdict.proof(run.policy.probe(), run.expected, run.observed, run.receipts.anyProcessed());
        return run.proofSource != null ? Check.PROVEN : Check.NOT_YET;
    }

    /** Stripe shows nothing to prove (or the event starts no run): the run closes, and so does its incident. */
    Check closeNotApplicable(String reason) {
        timeline.transition(RunState.NOT_APPLICABLE, reason);
        if (incident.isOpen()) {
            incident.resolve("not_applicable", reason);
        }
        return Check.CLOSED;
    }

    private Check reconcile(long phaseEnd) {
        String nothingToProve = truth.read(phaseEnd);
        if (run.state.closed()) {
            return Check.CLOSED;
        }
        return nothingToProve != null ? closeNotApplicable(nothingToProve) : Check.NOT_YET;
    }
}
