package io.accessproof.workflows.outcome;

import io.accessproof.workflows.model.AccessChange;
import io.accessproof.workflows.model.ReconcileRequest;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import org.slf4j.Logger;

/** Reads what Stripe says the run's event should have changed, into {@link RunProgress#expected}. */
final class StripeTruth {
    private static final Logger log = Workflow.getLogger(StripeTruth.class);

    private final RunProgress run;
    private final Timeline timeline;
    private final Inbox inbox;

    StripeTruth(RunProgress run, Timeline timeline, Inbox inbox) {
        this.run = run;
        this.timeline = timeline;
        this.inbox = inbox;
    }

    /**
     * Reconciles with Temporal retrying until {@code phaseEnd}. Returns why the run has nothing to prove
     * when Stripe shows so, else null: the expectation is known, or Stripe could not be read
     * ({@link RunProgress#stripeBlind}; the last expectation is kept and the run tries again at its next check).
     * An operator may act while it waits for Stripe, which can take until the deadline.
     */
    String read(long phaseEnd) {
        try {
            ReconcileRequest request = new ReconcileRequest(run.eventId, run.event);
            run.expected = inbox.released(() -> OutcomeStubs.reconcile(phaseEnd).reconcile(request));
            run.stripeBlind = null;
        } catch (ActivityFailure failure) {
            ApplicationFailure answer = StripeFailures.finalAnswer(failure);
            if (answer != null && !RunVersions.since(RunVersions.CANNOT_VERIFY)) {
                return StripeFailures.nothingToProve(answer, run.event.objectId());
            }
            run.stripeBlind = StripeFailures.blindness(failure);
            log.warn("reconcile of {} cannot read Stripe ({}: {}); keeping the last expectation", run.eventId,
                    run.stripeBlind.reasonCode(), run.stripeBlind.detail());
            return null;
        }
        timeline.expectationKnown();
        return run.expected.change() == AccessChange.NONE ? run.expected.reason() : null;
    }
}
