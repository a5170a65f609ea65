package io.accessproof.workflows.outcome;

import io.accessproof.workflows.model.OperatorAnswer;
import io.accessproof.workflows.model.OperatorRequest;
import io.accessproof.workflows.model.OutcomeInput;
import io.accessproof.workflows.model.Receipt;
import io.accessproof.workflows.model.ReceiptAnswer;
import io.accessproof.workflows.model.RunSnapshot;
import io.accessproof.workflows.model.RunState;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One run per accepted Stripe event, with workflow id {@code stripe-<event id>}: reconcile from Stripe,
 * assert the customer-visible state on durable timers, close proven, or open an incident at the deadline.
 */
@WorkflowInterface
public interface BillingOutcomeWorkflow {

    /** Returns the final state: proven, proven_late, incident, superseded or not_applicable. */
    @WorkflowMethod
    RunState run(OutcomeInput input);

    /** The Stripe event, for a run that a receipt created first; a no-op when the run has its event. */
    @SignalMethod
    void eventArrived(OutcomeInput input);

    /**
     * The run's event arrived but its type starts no run (a receipt created the run first): the run
     * closes not applicable. A no-op when the run has its event.
     */
    @SignalMethod
    void eventNotTracked(String eventType);

    /** A receipt from the app; duplicates (same receipt id) are ignored. */
    @SignalMethod
    void receipt(Receipt receipt);

    /** An operator asks for reconcile and assert now. */
    @SignalMethod
    void recheck(String requestedBy);

    /** A receipt delivered synchronously: the answer says whether it was new and the run's state. */
    @UpdateMethod
    ReceiptAnswer submitReceipt(Receipt receipt);

    /** Rejects a receipt whose customer contradicts the run's ({@code RECEIPT_CONTRADICTS_RUN}). */
    @UpdateValidatorMethod(updateName = "submitReceipt")
    void validateReceipt(Receipt receipt);

    /**
     * An operator's terminate of this run, or acknowledge or resolve of its incident, written by the run itself
     * with its audit line. A terminate waits until the run is between two checks.
     */
    @UpdateMethod
    OperatorAnswer operate(OperatorRequest request);

    @QueryMethod
    RunSnapshot snapshot();
}
