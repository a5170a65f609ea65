package io.accessproof.workflows.outcome;

import io.accessproof.workflows.model.OperatorAnswer;
import io.accessproof.workflows.model.OperatorRequest;
import io.temporal.activity.ActivityInterface;

/** Writes an operator's change and its audit line in one transaction. */
@ActivityInterface
public interface OperatorActivities {

    /**
     * Applies the action if it still applies (a run not yet closed, an incident still open) and audits it;
     * a retry after the commit finds it applied and answers what it found, without a second audit line.
     */
    OperatorAnswer apply(OperatorRequest request);
}
