package io.accessproof.workflows.outcome;

import io.accessproof.workflows.TaskQueues;
import io.accessproof.workflows.model.AccessChange;
import io.accessproof.workflows.model.Expectation;
import io.accessproof.workflows.model.IncidentKind;
import io.accessproof.workflows.model.IncidentOpenedNotice;
import io.accessproof.workflows.model.IncidentRequest;
import io.accessproof.workflows.model.IncidentResolution;
import io.accessproof.workflows.model.IncidentResolvedNotice;
import io.accessproof.workflows.model.Observation;
import io.accessproof.workflows.model.OutcomeInput;
import io.accessproof.workflows.model.ProbeKind;
import io.accessproof.workflows.model.ProbeRequest;
import io.accessproof.workflows.model.ProofSource;
import io.accessproof.workflows.model.ProvingPolicy;
import io.accessproof.workflows.model.Receipt;
import io.accessproof.workflows.model.ReceiptAnswer;
import io.accessproof.workflows.model.ReconcileRequest;
import io.accessproof.workflows.model.RunSnapshot;
import io.accessproof.workflows.model.RunState;
import io.accessproof.workflows.model.RunTransition;
import io.accessproof.workflows.model.StripeEventFacts;
import io.accessproof.workflows.model.SupersessionCheck;
import io.temporal.activity.ActivityOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;

/** Orchestration only: the decisions live in {@link Verdict}, {@link RecheckSchedule}, {@link ReceiptBook}. */
public class BillingOutcomeWorkflowImpl implements BillingOutcomeWorkflow {
    private static final Logger log = Workflow.getLogger(BillingOutcomeWorkflowImpl.class);

    private enum Check { PROVEN, NOT_YET, CLOSED }

    /** Since v1 a receipt-created run closes not applicable when its event turns out to be of an untracked type. */
    static final String UNTRACKED_EVENT = "untracked-event-closes-run";
    /** Since v1 reconcile runs on {@link TaskQueues#STRIPE}; before, on the run's own task queue. */
    static final String RECONCILE_QUEUE = "reconcile-on-stripe-queue";

    private final IncidentActivities incidents =
            Workflow.newActivityStub(IncidentActivities.class, OutcomeActivityOptions.durable());
    private final IncidentNotifications notifications = new IncidentNotifications();
    private final ReceiptBook receipts = new ReceiptBook();
    private final RunAttributes attributes = new RunAttributes();
    private final List<String> pendingNotes = new ArrayList<>();

    private OutcomeStubs stubs;

    private final String eventId;
    private StripeEventFacts event;
    private ProvingPolicy policy;
    private RunState state = RunState.ACCEPTED;
    private Expectation expected;
    private Observation observed;
    private ProofSource proofSource;
    private String incidentId;
    private boolean stripeStillRetrying;
    private int checks;
    private int step;
    private boolean wake;
    private boolean recheckRequested;
    private String untrackedType;

    // Handlers can run before run() (update-with-start), so the input is taken here.
    @WorkflowInit
    public BillingOutcomeWorkflowImpl(OutcomeInput input) {
        this.eventId = input.eventId();
        this.event = input.event();
        this.policy = input.policy();
    }

    @Override
    public RunState run(OutcomeInput input) {
        stubs = OutcomeStubs.choose();
        prove();
        notifications.awaitPending();
        return state;
    }

    private void prove() {
        transition(RunState.ACCEPTED, event == null ? "created by a receipt; waiting for the Stripe event" : "accepted");
        if (event == null && !Workflow.await(policy.receiptWindow(), () -> event != null || untrackedType != null)) {
            openIncident(IncidentKind.EVENT_NEVER_DELIVERED, "event_never_delivered");
            return;
        }
        if (event == null) {
            // Only runs that received eventNotTracked get here, and no history from before v1 holds that signal.
            Workflow.getVersion(UNTRACKED_EVENT, Workflow.DEFAULT_VERSION, 1);
            closeNotApplicable("its event arrived, and events of type " + untrackedType + " start no run");
            return;
        }
        // The deadline and horizon count from the moment the run has its event (its start, unless a receipt came first).
        long origin = Workflow.currentTimeMillis();
        long deadlineAt = origin + policy.deadline().toMillis();
        long horizonAt = origin + policy.horizon().toMillis();
        attributes.event(event);
        transition(RunState.PROVING, "proving " + event.type() + " by " + policy.probe().name().toLowerCase(Locale.ROOT));
        if (proveBefore(deadlineAt)) {
            return;
        }
        if (incidentId == null) {
            if (superseded()) {
                return;
            }
            boolean processed = receipts.anyProcessed();
            openIncident(Verdict.kindAtDeadline(policy.probe(), expected, processed),
                    Verdict.reasonAtDeadline(policy.probe(), expected, observed, processed));
        }
        watchUntil(horizonAt);
    }

    /** Returns true when the run closed; false when the deadline passed or a failed receipt opened an incident. */
    private boolean proveBefore(long deadlineAt) {
        RecheckSchedule schedule = new RecheckSchedule(policy);
        while (true) {
            Check check = check(deadlineAt);
            if (check == Check.CLOSED) {
                return true;
            }
            if (check == Check.PROVEN) {
                transition(RunState.PROVEN, "proven by " + proofSource.wire());
                return true;
            }
            Receipt failed = receipts.latestFailed();
            if (failed != null) {
                openIncident(IncidentKind.RECEIPT_FAILED, failed.reasonCode());
                return false;
            }
            long remaining = deadlineAt - Workflow.currentTimeMillis();
            if (remaining <= 0) {
                return false;
            }
            sleepUntilWoken(Math.min(schedule.next().toMillis(), remaining));
        }
    }

    private void watchUntil(long horizonAt) {
        long remaining;
        while ((remaining = horizonAt - Workflow.currentTimeMillis()) > 0) {
            sleepUntilWoken(Math.min(policy.watchCadence().toMillis(), remaining));
            Check check = check(horizonAt);
            if (check == Check.CLOSED) {
                return;
            }
            if (check == Check.PROVEN) {
                String note = "proven late by " + proofSource.wire() + " after incident " + incidentId;
                transition(RunState.PROVEN_LATE, note);
                resolveIncident("proven_late", note);
                return;
            }
        }
        log.info("run {} stays in incident: horizon reached unproven", eventId);
    }

    /** Reconcile when the expectation is unknown or an operator asked, then assert. */
    private Check check(long phaseEnd) {
        flushNotes();
        if (expected == null || recheckRequested) {
            recheckRequested = false;
            if (reconcile(phaseEnd) == Check.CLOSED) {
                return Check.CLOSED;
            }
        }
        if (expected == null) {
            return Check.NOT_YET;
        }
        if (policy.probe() != ProbeKind.RECEIPT) {
            observed = probe();
        }
        checks++;
        proofSource = Verdict.proof(policy.probe(), expected, observed, receipts.anyProcessed());
        return proofSource != null ? Check.PROVEN : Check.NOT_YET;
    }

    private Check reconcile(long phaseEnd) {
        Duration budget = Duration.ofMillis(Math.max(0, phaseEnd - Workflow.currentTimeMillis()));
        ActivityOptions options = OutcomeActivityOptions.reconcile(budget);
        if (Workflow.getVersion(RECONCILE_QUEUE, Workflow.DEFAULT_VERSION, 1) >= 1) {
            options = options.toBuilder().setTaskQueue(TaskQueues.STRIPE).build();
        }
        ReconcileActivities stripe = Workflow.newActivityStub(ReconcileActivities.class, options);
        try {
            expected = stripe.reconcile(new ReconcileRequest(eventId, event));
            stripeStillRetrying = false;
        } catch (ActivityFailure failure) {
            ApplicationFailure answer = StripeFailures.finalAnswer(failure);
            if (answer != null) {
                closeNotApplicable(StripeFailures.nothingToProve(answer, event.objectId()));
                return Check.CLOSED;
            }
            stripeStillRetrying = true;
            log.warn("reconcile of {} still failing at its budget; keeping the last expectation", eventId, failure);
            return Check.NOT_YET;
        }
        attributes.expectation(expected);
        if (expected.change() == AccessChange.NONE) {
            closeNotApplicable(expected.reason());
            return Check.CLOSED;
        }
        return Check.NOT_YET;
    }

    private Observation probe() {
        String customerId = IncidentEvidence.firstNonNull(expected.customerId(), event.customerId());
        try {
            return stubs.entitlements.probe(new ProbeRequest(eventId, customerId, expected));
        } catch (ActivityFailure failure) {
            // An app we cannot read is a fact for the evidence, not a reason to fail the run.
            Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
            return new Observation(false, null, false, List.of(), null, Workflow.currentTimeMillis(),
                    "probe failed: " + cause.getMessage());
        }
    }

    private boolean superseded() {
        String subscriptionId = IncidentEvidence.firstNonNull(
                expected == null ? null : expected.subscriptionId(), event.subscriptionId());
        if (subscriptionId == null) {
            return false;
        }
        String newer = stubs.store.newerRun(new SupersessionCheck(eventId, subscriptionId, event.created()));
        if (newer == null) {
            return false;
        }
        transition(RunState.SUPERSEDED, "superseded by newer event " + newer + " for " + subscriptionId);
        return true;
    }

    private void openIncident(IncidentKind kind, String reasonCode) {
        String title = IncidentTitles.title(kind, eventId, event, reasonCode);
        var evidence = IncidentEvidence.of(eventId, event, expected, observed, receipts.all(), reasonCode,
                stripeStillRetrying);
        incidentId = incidents.open(new IncidentRequest(eventId, kind, title, evidence, Workflow.currentTimeMillis()));
        transition(RunState.INCIDENT, kind.wire() + " incident " + incidentId + ": " + title);
        notifications.opened(new IncidentOpenedNotice(incidentId, eventId, livemode(), Workflow.currentTimeMillis()));
    }

    private void closeNotApplicable(String reason) {
        transition(RunState.NOT_APPLICABLE, reason);
        if (incidentId != null) {
            resolveIncident("not_applicable", reason);
        }
    }

    private void resolveIncident(String how, String note) {
        incidents.resolve(new IncidentResolution(eventId, how, note, Workflow.currentTimeMillis()));
        notifications.resolved(new IncidentResolvedNotice(incidentId, eventId, livemode(), how, note,
                Workflow.currentTimeMillis()));
    }

    private Boolean livemode() {
        return event == null ? null : event.livemode();
    }

    private void transition(RunState next, String note) {
        flushNotes();
        state = next;
        attributes.state(next);
        write(note);
    }

    /** Receipts and rechecks arrive in handlers; they reach the timeline from the run's own thread, in order. */
    private void flushNotes() {
        List<String> notes = List.copyOf(pendingNotes);
        pendingNotes.clear();
        notes.forEach(this::write);
    }

    private void write(String note) {
        ProofSource source = state == RunState.PROVEN || state == RunState.PROVEN_LATE ? proofSource : null;
        stubs.store.record(new RunTransition(eventId, ++step, state, event, expected, observed, source, note,
                Workflow.currentTimeMillis()));
    }

    private void sleepUntilWoken(long millis) {
        Workflow.await(Duration.ofMillis(millis), () -> wake);
        wake = false;
    }

    @Override
    public void eventArrived(OutcomeInput input) {
        if (event != null || input == null || input.event() == null) {
            return;
        }
        event = input.event();
        // The policy of a receipt-created run was a guess: the dispatcher's is built for the event's type.
        if (input.policy() != null) {
            policy = input.policy();
        }
    }

    @Override
    public void eventNotTracked(String eventType) {
        if (event == null && eventType != null) {
            untrackedType = eventType;
        }
    }

    @Override
    public void receipt(Receipt receipt) {
        ApplicationFailure rejection = ReceiptBook.rejection(receipt, eventId, knownCustomerId());
        if (rejection != null) {
            log.warn("run {} ignores a receipt: {}", eventId, rejection.getOriginalMessage());
            return;
        }
        accept(receipt);
    }

    @Override
    public ReceiptAnswer submitReceipt(Receipt receipt) {
        boolean fresh = accept(receipt);
        return new ReceiptAnswer(eventId, receipt.receiptId(), !fresh, state.wire());
    }

    @Override
    public void validateReceipt(Receipt receipt) {
        ApplicationFailure rejection = ReceiptBook.rejection(receipt, eventId, knownCustomerId());
        if (rejection != null) {
            throw rejection;
        }
    }

    private boolean accept(Receipt receipt) {
        if (!receipts.add(receipt)) {
            return false;
        }
        pendingNotes.add(ReceiptBook.note(receipt));
        wake = true;
        return true;
    }

    @Override
    public void recheck(String requestedBy) {
        pendingNotes.add("recheck requested by " + requestedBy);
        recheckRequested = true;
        wake = true;
    }

    @Override
    public RunSnapshot snapshot() {
        return new RunSnapshot(eventId, state, event, expected, observed, proofSource, receipts.all(), incidentId,
                checks);
    }

    private String knownCustomerId() {
        return IncidentEvidence.firstNonNull(event == null ? null : event.customerId(),
                expected == null ? null : expected.customerId());
    }
}
