package io.accessproof.workflows.outcome;

import io.accessproof.workflows.model.OperatorAnswer;
import io.accessproof.workflows.model.OperatorRequest;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * An operator's action on a run whose workflow has closed, or on an incident no run owns (drift, stall): it
 * writes the change and its audit line, then tells the sinks of a resolution with Temporal's retries.
 * Started with {@link #answer()} (update-with-start), so the operator has the answer before the sinks do.
 */
@WorkflowInterface
public interface OperatorActionWorkflow {

    @WorkflowMethod
    OperatorAnswer act(OperatorRequest request);

    /** The action's answer, as soon as it is written. */
    @UpdateMethod
    OperatorAnswer answer();
}
