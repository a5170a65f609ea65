package io.accessproof.workflows.outcome;

import io.accessproof.workflows.model.OperatorAction;
import io.accessproof.workflows.model.OperatorAnswer;
import io.accessproof.workflows.model.OperatorRequest;
import io.accessproof.workflows.model.OutcomeInput;
import io.accessproof.workflows.model.Receipt;
import io.accessproof.workflows.model.ReceiptAnswer;
import io.accessproof.workflows.model.RunSnapshot;

/**
 * The run's signal, update and query handlers, apart from its phases: each hands what arrived to the
 * {@link Inbox} or reads {@link RunProgress}, and never calls an activity.
 */
abstract class OutcomeHandlers implements BillingOutcomeWorkflow {
    final RunProgress run;
    final Inbox inbox;

    OutcomeHandlers(OutcomeInput input) {
        run = new RunProgress(input);
        inbox = new Inbox(run);
    }

    abstract OperatorDesk desk();

    @Override
    public void eventArrived(OutcomeInput input) {
        inbox.eventArrived(input);
    }

    @Override
    public void eventNotTracked(String eventType) {
        inbox.eventNotTracked(eventType);
    }

    @Override
    public void receipt(Receipt receipt) {
        inbox.receipt(receipt);
    }

    @Override
    public ReceiptAnswer submitReceipt(Receipt receipt) {
        return inbox.submit(receipt);
    }

    @Override
    public void validateReceipt(Receipt receipt) {
        inbox.validate(receipt);
    }

    @Override
    public void recheck(String requestedBy) {
        inbox.recheck(requestedBy);
    }

    @Override
    public OperatorAnswer operate(OperatorRequest request) {
        return request.action() == OperatorAction.TERMINATE ? inbox.whileHeld(() -> desk().act(request))
                : desk().act(request);
    }

    @Override
    public RunSnapshot snapshot() {
        return run.snapshot();
    }
}
