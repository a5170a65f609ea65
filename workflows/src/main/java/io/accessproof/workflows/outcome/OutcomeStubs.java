package io.accessproof.workflows.outcome;

import io.accessproof.workflows.TaskQueues;
import io.accessproof.workflows.model.Observation;
import io.accessproof.workflows.model.ProbeRequest;
import io.temporal.activity.ActivityOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.List;

/**
 * The stubs of a run's activities. Since {@link RunVersions#LOCAL_STORE_AND_PROBE} v1 its PostgreSQL writes
 * and probes are local activities: a proven run then costs Temporal three workflow tasks and one activity
 * task (reconcile) instead of six and five, and its first timeline entry is written in its first workflow task.
 */
final class OutcomeStubs {
    final RunStoreActivities store;
    final EntitlementActivities entitlements;

    private OutcomeStubs(RunStoreActivities store, EntitlementActivities entitlements) {
        this.store = store;
        this.entitlements = entitlements;
    }

    /** Call once, before the run's first command, so every write and probe of one run takes the same kind. */
    static OutcomeStubs choose() {
        if (RunVersions.since(RunVersions.LOCAL_STORE_AND_PROBE)) {
            return new OutcomeStubs(
                    Workflow.newLocalActivityStub(RunStoreActivities.class, OutcomeActivityOptions.localDurable()),
                    Workflow.newLocalActivityStub(EntitlementActivities.class, OutcomeActivityOptions.localProbe()));
        }
        return new OutcomeStubs(
                Workflow.newActivityStub(RunStoreActivities.class, OutcomeActivityOptions.durable()),
                Workflow.newActivityStub(EntitlementActivities.class, OutcomeActivityOptions.probe()));
    }

    /** The app's access; an app that cannot be read is a fact for the evidence, not a reason to fail the run. */
    Observation probe(ProbeRequest request) {
        try {
            return entitlements.probe(request);
        } catch (ActivityFailure failure) {
            Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
            return new Observation(false, null, false, List.of(), null, Workflow.currentTimeMillis(),
                    "probe failed: " + cause.getMessage());
        }
    }

    /**
     * Reconcile with Temporal retrying until {@code phaseEnd} (at least a minimum budget); on the Stripe task
     * queue since {@link RunVersions#RECONCILE_QUEUE} v1, so reads waiting for the Stripe budget never hold
     * the slots of store and probe activities.
     */
    static ReconcileActivities reconcile(long phaseEnd) {
        Duration budget = Duration.ofMillis(Math.max(0, phaseEnd - Workflow.currentTimeMillis()));
        ActivityOptions options = OutcomeActivityOptions.reconcile(budget);
        if (RunVersions.since(RunVersions.RECONCILE_QUEUE)) {
            options = options.toBuilder().setTaskQueue(TaskQueues.STRIPE).build();
        }
        return Workflow.newActivityStub(ReconcileActivities.class, options);
    }
}
