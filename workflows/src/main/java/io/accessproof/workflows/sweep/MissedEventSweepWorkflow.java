package io.accessproof.workflows.sweep;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Finds the Stripe events that never reached the intake (a failed delivery, an endpoint not subscribed to a
 * type, an outage) by listing Stripe's events, and hands each one accessproof has not stored to its run, as a
 * webhook would. The periodic sweep has workflow id {@link #WORKFLOW_ID}, is started with "use existing" by
 * every replica and never completes; a sweep started by hand ({@link SweepInput#sweepId()} set) is one pass.
 */
@WorkflowInterface
public interface MissedEventSweepWorkflow {
    String WORKFLOW_ID = "accessproof-sweep";

    /** The workflow id of a sweep started by hand. */
    static String idOf(String sweepId) {
        return WORKFLOW_ID + "-" + sweepId;
    }

    @WorkflowMethod
    SweepReport sweep(SweepInput input);
}
