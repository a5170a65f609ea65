package io.accessproof.workflows.outcome;

import io.accessproof.workflows.model.IncidentKind;
import io.accessproof.workflows.model.OutcomeInput;
import io.accessproof.workflows.outcome.AccessCheck.Check;
import io.accessproof.workflows.model.Receipt;
import io.accessproof.workflows.model.RunState;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import org.slf4j.Logger;

/**
 * The phases of a run, top to bottom: receive its event, prove before the deadline, decide at the deadline,
 * watch until the horizon. What a run knows is in {@link RunProgress}; decisions in {@link Verdict}.
 */
public class BillingOutcomeWorkflowImpl extends OutcomeHandlers {
    private static final Logger log = Workflow.getLogger(BillingOutcomeWorkflowImpl.class);

    private final Timeline timeline;
    private final IncidentLifecycle incident;
    private final AccessCheck access;
    private final OperatorDesk desk;

    // Handlers can run before run() (update-with-start), so the input is taken here.
    @WorkflowInit
    public BillingOutcomeWorkflowImpl(OutcomeInput input) {
        super(input);
        timeline = new Timeline(run, inbox);
        incident = new IncidentLifecycle(run, timeline);
        access = new AccessCheck(run, inbox, timeline, incident);
        desk = new OperatorDesk(run, timeline, incident);
    }

    @Override
    OperatorDesk desk() {
        return desk;
    }

    @Override
    public RunState run(OutcomeInput input) {
        OutcomeStubs stubs = OutcomeStubs.choose();
        timeline.use(stubs.store);
        access.use(stubs);
        inbox.hold();
        if (receive()) {
            // The deadline and horizon count from the moment the run has its event (its start, unless a receipt came first).
            long origin = Workflow.currentTimeMillis();
            long horizonAt = origin + run.policy.horizon().toMillis();
            timeline.proving();
            long deadlineAt = origin + run.policy.deadline().toMillis();
            boolean closed;
            while (!(closed = proveBefore(deadlineAt)) && waitedOnOwnBudget(deadlineAt, horizonAt)) {
                deadlineAt = Math.min(horizonAt, Workflow.currentTimeMillis() + run.policy.deadline().toMillis());
            }
            if (!closed && decideAtDeadline()) {
                watchUntil(horizonAt);
            }
        }
        inbox.release();
        incident.awaitNotifications();
        return run.state;
    }

    /**
     * True when the run has its Stripe event. A run a receipt created waits for it: past the receipt window
     * with an event_never_delivered incident, until its horizon, and ends without it only then.
     */
    private boolean receive() {
        timeline.transition(RunState.ACCEPTED,
                run.event == null ? "created by a receipt; waiting for the Stripe event" : "accepted");
        if (run.event == null && !inbox.awaitEvent(run.policy.receiptWindow())) {
            incident.open(IncidentKind.EVENT_NEVER_DELIVERED, "event_never_delivered");
            if (!RunVersions.since(RunVersions.LATE_EVENT) || !inbox.awaitEvent(run.restOfHorizonAfterReceiptWindow())) {
                return false;
            }
        }
        if (run.state.closed()) {
            return false;
        }
        if (run.event == null) {
            // Only runs that received eventNotTracked get here, and no history from before v1 holds that signal.
            RunVersions.since(RunVersions.UNTRACKED_EVENT);
            access.closeNotApplicable("its event arrived, and events of type " + run.untrackedType + " start no run");
            return false;
        }
        return true;
    }

    /** True when the run closed; false when the deadline passed or a failed receipt opened an incident. */
    private boolean proveBefore(long deadlineAt) {
        RecheckSchedule schedule = new RecheckSchedule(run.policy);
        while (true) {
            Check check = access.check(deadlineAt);
            if (check == Check.PROVEN && incident.isOpen()) {
                incident.provenLate(); // its event came after the receipt window's event_never_delivered incident
            } else if (check == Check.PROVEN) {
                timeline.transition(RunState.PROVEN, "proven by " + run.proofSource.wire());
            }
            if (check == Check.PROVEN || check == Check.CLOSED) {
                return true;
            }
            if (check == Check.STRIPE_REFUSED) {
                incident.open(run.stripeBlind.kind(), run.stripeBlind.reasonCode());
                return false;
            }
            Receipt failed = run.receipts.latestFailed();
            if (failed != null) {
                incident.open(IncidentKind.RECEIPT_FAILED, failed.reasonCode());
                return false;
            }
            long remaining = deadlineAt - Workflow.currentTimeMillis();
            if (remaining <= 0) {
                return false;
            }
            inbox.sleepUntilWoken(Math.min(schedule.next().toMillis(), remaining));
        }
    }

    /** True (and noted) when the run gets another deadline because its reads only waited for our own budget. */
    private boolean waitedOnOwnBudget(long deadlineAt, long horizonAt) {
        boolean extend = run.expected == null && run.stripeBlind != null && run.stripeBlind.ownBudget()
                && !incident.isOpen() && deadlineAt < horizonAt && RunVersions.since(RunVersions.OWN_BUDGET);
        if (extend) {
            timeline.note("deadline extended: its Stripe reads waited for accessproof's own budget, which is no outage");
        }
        return extend;
    }

    /**
     * Unproven at the deadline: superseded by a newer event, or an incident; an event_never_delivered
     * incident whose event came late becomes the verdict's. False when the run closed.
     */
    private boolean decideAtDeadline() {
        if (incident.isOpen() && run.incidentKind == IncidentKind.EVENT_NEVER_DELIVERED) {
            incident.reclassify(Verdict.kindAtDeadline(run), Verdict.reasonAtDeadline(run));
        }
        if (incident.isOpen()) {
            return true;
        }
        if (timeline.supersededByNewerRun()) {
            return false;
        }
        incident.open(Verdict.kindAtDeadline(run), Verdict.reasonAtDeadline(run));
        return true;
    }

    /** After an incident: re-check on the watch cadence until proven late, closed, or the horizon. */
    private void watchUntil(long horizonAt) {
        long remaining;
        while ((remaining = horizonAt - Workflow.currentTimeMillis()) > 0) {
            inbox.sleepUntilWoken(Math.min(run.policy.watchCadence().toMillis(), remaining));
            Check check = access.check(horizonAt);
            if (check == Check.CLOSED) {
                return;
            }
            if (check == Check.PROVEN) {
                incident.provenLate();
                return;
            }
            if (incident.cannotVerify() && !Verdict.kindAtDeadline(run).cannotVerify()
                    && RunVersions.since(RunVersions.CANNOT_VERIFY)) {
                incident.reclassify(Verdict.kindAtDeadline(run), Verdict.reasonAtDeadline(run));
            }
        }
        log.info("run {} stays in incident: horizon reached unproven", run.eventId);
    }
}
