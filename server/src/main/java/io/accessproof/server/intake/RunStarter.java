package io.accessproof.server.intake;

import io.accessproof.store.events.PendingEvent;
import io.accessproof.workflows.TaskQueues;
import io.accessproof.workflows.WorkflowIds;
import io.accessproof.workflows.model.OutcomeInput;
import io.accessproof.workflows.model.ProvingPolicy;
import io.accessproof.workflows.model.Receipt;
import io.accessproof.workflows.model.StripeEventFacts;
import io.accessproof.workflows.outcome.BillingOutcomeWorkflow;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.BatchRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import java.util.List;
import java.util.function.Function;

/**
 * Hands a stored event to its run, {@code stripe-<event id>}, with signal-with-start: a run that an
 * early receipt created gets its event, a running run is never started twice. A run started again (a
 * re-drive after a restart, an operator's retry), or whose receipts came before the event, also gets every
 * receipt stored for its event.
 */
public final class RunStarter implements RunHandOver {
    /** The receipts stored for an event that their apps may send for it, oldest first. */
    public interface StoredReceipts {
        List<Receipt> forEvent(PendingEvent event);
    }

    private final WorkflowClient client;
    private final Function<String, ProvingPolicy> policyForType;
    private final StoredReceipts receipts;

    /** @param policyForType how a run of each event type proves ({@code proving.policyFor}) */
    public RunStarter(WorkflowClient client, Function<String, ProvingPolicy> policyForType, StoredReceipts receipts) {
        this.client = client;
        this.policyForType = policyForType;
        this.receipts = receipts;
    }

    /**
     * The outbox's hand-over: a closed run is not started again (throws {@code WorkflowExecutionAlreadyStarted}).
     * A start refused while the run exists is answered by signalling the run directly: the test server
     * refuses a signal-with-start that races an early receipt's update-with-start, and the event must
     * still reach the run that receipt created.
     */
    @Override
    public void startOnce(PendingEvent event) {
        try {
            start(event, WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE);
            if (event.dispatchAttempts() > 0 || event.receiptFirst()) {
                handStoredReceipts(event); // receipts that waited for this event, or a re-drive's lost run had
            }
        } catch (WorkflowExecutionAlreadyStarted refused) {
            try {
                client.newWorkflowStub(BillingOutcomeWorkflow.class, WorkflowIds.forEvent(event.eventId()))
                        .eventArrived(inputOf(event));
            } catch (WorkflowNotFoundException closed) {
                throw refused;
            }
        }
    }

    /**
     * An ignored event that a receipt came before: the run that receipt created (if any is still open)
     * learns that its event starts no run, and closes not applicable.
     */
    @Override
    public void closeUntracked(PendingEvent event) {
        try {
            client.newWorkflowStub(BillingOutcomeWorkflow.class, WorkflowIds.forEvent(event.eventId()))
                    .eventNotTracked(event.type());
        } catch (WorkflowNotFoundException noOpenRun) {
            // The receipt was recorded against the known ignored event, or its run has closed already.
        }
    }

    /** An operator's retry of a closed or lost run: a fresh run of the same workflow id. */
    public void startAgain(PendingEvent event) {
        start(event, WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE);
        handStoredReceipts(event);
    }

    /** Receipt ids make this idempotent: a receipt the run already holds changes nothing. */
    private void handStoredReceipts(PendingEvent event) {
        List<Receipt> stored = receipts.forEvent(event);
        if (!stored.isEmpty()) {
            BillingOutcomeWorkflow run = client.newWorkflowStub(BillingOutcomeWorkflow.class,
                    WorkflowIds.forEvent(event.eventId()));
            stored.forEach(run::receipt);
        }
    }

    private void start(PendingEvent event, WorkflowIdReusePolicy reuse) {
        BillingOutcomeWorkflow run = client.newWorkflowStub(BillingOutcomeWorkflow.class, WorkflowOptions.newBuilder()
                .setWorkflowId(WorkflowIds.forEvent(event.eventId()))
                .setTaskQueue(TaskQueues.OUTCOME)
                .setWorkflowIdReusePolicy(reuse)
                .build());
        OutcomeInput input = inputOf(event);
        BatchRequest request = client.newSignalWithStartRequest();
        request.add(run::run, input);
        request.add(run::eventArrived, input);
        client.signalWithStart(request);
    }

    /** The one mapping of a stored event to its run's input. */
    private OutcomeInput inputOf(PendingEvent event) {
        StripeEventFacts facts = new StripeEventFacts(event.type(), event.account(), event.livemode(),
                event.objectType(), event.objectId(), event.customerId(), event.subscriptionId(),
                event.created().getEpochSecond());
        return new OutcomeInput(event.eventId(), facts, policyForType.apply(event.type()));
    }
}
