package io.accessproof.workflows.outcome;

import io.temporal.workflow.Workflow;

/**
 * Every {@code Workflow.getVersion} id of the outcome workflow, with what its version 1 changed. A run
 * started before a change keeps the old behaviour; the recorded histories of the replay test prove it.
 */
final class RunVersions {
    /** v1: a run's PostgreSQL writes and probes are local activities ({@link OutcomeStubs}). */
    static final String LOCAL_STORE_AND_PROBE = "local-store-and-probe";
    /** v1: opening and resolving an incident notify the sinks from the run ({@link IncidentNotifications}). */
    static final String NOTIFY_INCIDENTS = "notify-incidents";
    /** v1: a receipt-created run closes not applicable when its event turns out to be of an untracked type. */
    static final String UNTRACKED_EVENT = "untracked-event-closes-run";
    /** v1: reconcile runs on the Stripe task queue; before, on the run's own task queue. */
    static final String RECONCILE_QUEUE = "reconcile-on-stripe-queue";
    /**
     * v1: Stripe refusing a read (401, 403, 404, 400) opens a cannot-verify incident and the run keeps watching,
     * where it closed not applicable before; a cannot-verify incident that later checks as wrong access
     * becomes an access incident.
     */
    static final String CANNOT_VERIFY = "cannot-verify-incidents";
    /**
     * v1: a run whose event did not come within the receipt window keeps waiting for it until its horizon
     * after opening event_never_delivered, and proves it when it comes (the incident then resolves).
     */
    static final String LATE_EVENT = "late-event-still-proven";
    /**
     * v1: a run whose Stripe reads waited for accessproof's own budget until its deadline gets another deadline
     * (bounded by its horizon) instead of a stripe_unavailable incident: queueing is not an outage.
     */
    static final String OWN_BUDGET = "own-budget-extends-deadline";
    /**
     * v1: an operator's terminate, acknowledge and resolve reach an open run as the update {@code operate}, and the
     * run writes them; before, the API wrote the rows and terminated the workflow through Temporal. Only runs that
     * receive the update record the marker.
     */
    static final String OPERATOR_UPDATES = "operator-updates";

    private RunVersions() {
    }

    /** True for runs that took the change (every run started since), false for runs started before it. */
    static boolean since(String changeId) {
        return Workflow.getVersion(changeId, Workflow.DEFAULT_VERSION, 1) >= 1;
    }
}
