package io.accessproof.workflows.outcome;

import io.temporal.workflow.Workflow;

/**
 * The stubs of a run's PostgreSQL writes and probes. Since {@link #LOCAL} v1 they are local activities:
 * a proven run then costs Temporal three workflow tasks and one activity task (reconcile) instead of six
 * and five, and its first timeline entry is written in its first workflow task.
 */
final class OutcomeStubs {
    static final String LOCAL = "local-store-and-probe";

    final RunStoreActivities store;
    final EntitlementActivities entitlements;

    private OutcomeStubs(RunStoreActivities store, EntitlementActivities entitlements) {
        this.store = store;
        this.entitlements = entitlements;
    }

    /** Call once, before the run's first command, so every write and probe of one run takes the same kind. */
    static OutcomeStubs choose() {
        if (Workflow.getVersion(LOCAL, Workflow.DEFAULT_VERSION, 1) >= 1) {
            return new OutcomeStubs(
                    Workflow.newLocalActivityStub(RunStoreActivities.class, OutcomeActivityOptions.localDurable()),
                    Workflow.newLocalActivityStub(EntitlementActivities.class, OutcomeActivityOptions.localProbe()));
        }
        return new OutcomeStubs(
                Workflow.newActivityStub(RunStoreActivities.class, OutcomeActivityOptions.durable()),
                Workflow.newActivityStub(EntitlementActivities.class, OutcomeActivityOptions.probe()));
    }
}
