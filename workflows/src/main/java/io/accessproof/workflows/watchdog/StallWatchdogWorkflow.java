package io.accessproof.workflows.watchdog;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * The durable periodic look for runs that stopped progressing (terminated from the Temporal CLI, cut off
 * by a history limit, stuck after a non-deterministic deploy). One per namespace, workflow id
 * {@link #WORKFLOW_ID}, started with "use existing" by every replica; it never completes.
 */
@WorkflowInterface
public interface StallWatchdogWorkflow {
    String WORKFLOW_ID = "accessproof-stall-watchdog";

    @WorkflowMethod
    void watch(WatchdogInput input);
}
