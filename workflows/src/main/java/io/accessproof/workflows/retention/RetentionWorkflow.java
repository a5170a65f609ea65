package io.accessproof.workflows.retention;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * The durable purge job: keeps every table at its retention ({@code retention.*}) and erases the customers
 * Stripe deleted when asked to. One per namespace, workflow id {@link #WORKFLOW_ID}, started with "use
 * existing" by every replica; it never completes.
 */
@WorkflowInterface
public interface RetentionWorkflow {
    String WORKFLOW_ID = "accessproof-retention";

    @WorkflowMethod
    void keep(RetentionInput input);
}
