package io.accessproof.workflows.outcome;

import io.accessproof.workflows.model.ProofSource;
import io.accessproof.workflows.model.RunState;
import io.accessproof.workflows.model.RunTransition;
import io.accessproof.workflows.model.SupersessionCheck;
import io.temporal.workflow.Workflow;
import java.util.Locale;

/**
 * The run's rows in PostgreSQL (each transition and note, numbered) and its search attributes: the run's
 * state changes only here, so the query, the timeline and Temporal UI never disagree.
 */
final class Timeline {
    private final RunProgress run;
    private final Inbox inbox;
    private final RunAttributes attributes = new RunAttributes();
    private RunStoreActivities store;
    private int step;

    Timeline(RunProgress run, Inbox inbox) {
        this.run = run;
        this.inbox = inbox;
    }

    void use(RunStoreActivities store) {
        this.store = store;
    }

    void proving() {
        attributes.event(run.event);
        transition(RunState.PROVING,
                "proving " + run.event.type() + " by " + run.policy.probe().name().toLowerCase(Locale.ROOT));
    }

    void expectationKnown() {
        attributes.expectation(run.expected);
    }

    void transition(RunState next, String note) {
        flushNotes();
        run.state = next;
        attributes.state(next);
        write(note);
    }

    /** The operator's activity wrote the run's closing row and its timeline entry; the run and Temporal UI follow. */
    void closedByOperator(RunState state) {
        run.state = state;
        attributes.state(state);
    }

    /**
     * Only the newest run of a customer's subscriptions raises an incident: true (and the run closed
     * superseded) when PostgreSQL holds a newer event of the run's subscription or customer.
     */
    boolean supersededByNewerRun() {
        String subscriptionId = run.subscriptionId();
        String newer = subscriptionId == null ? null
                : store.newerRun(new SupersessionCheck(run.eventId, subscriptionId, run.event.created()));
        if (newer != null) {
            transition(RunState.SUPERSEDED, "superseded by newer event " + newer + " for " + subscriptionId);
        }
        return newer != null;
    }

    /** A note of the run's own, in its current state. */
    void note(String note) {
        flushNotes();
        write(note);
    }

    /** Receipts and rechecks arrive in handlers; they reach the timeline from the run's own thread, in order. */
    void flushNotes() {
        inbox.takeNotes().forEach(this::write);
    }

    private void write(String note) {
        ProofSource source = run.state == RunState.PROVEN || run.state == RunState.PROVEN_LATE ? run.proofSource : null;
        store.record(new RunTransition(run.eventId, ++step, run.state, run.event, run.expected, run.observed, source,
                note, Workflow.currentTimeMillis()));
    }
}
