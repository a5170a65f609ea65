package io.accessproof.workflows.bulk;

import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * A bulk retry or terminate, paced at its rate so that a thousand runs after a bad deploy do not hit Stripe, the
 * app and Temporal at once. Durable and visible in Temporal; its checkpoint is in PostgreSQL, so any replica
 * shows its progress and a replica that finds it running without its workflow starts it again from there.
 */
@WorkflowInterface
public interface BulkJobWorkflow {

    @WorkflowMethod
    void run(BulkJob job);

    /** The job's progress once it is stored (the API answers with it). */
    @UpdateMethod
    BulkProgress started();
}
