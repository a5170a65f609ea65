package io.accessproof.server.receipts;

import io.accessproof.server.api.ReceiptApp;
import io.accessproof.server.runs.ProvingConfig;
import io.accessproof.workflows.FailureType;
import io.accessproof.workflows.TaskQueues;
import io.accessproof.workflows.UpdateRejections;
import io.accessproof.workflows.WorkflowIds;
import io.accessproof.workflows.model.OutcomeInput;
import io.accessproof.workflows.model.Receipt;
import io.accessproof.workflows.model.ReceiptAnswer;
import io.accessproof.workflows.outcome.BillingOutcomeWorkflow;
import io.dropwizard.lifecycle.Managed;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WithStartWorkflowOperation;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.client.WorkflowUpdateStage;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Hands a receipt to its run with update-with-start: the run is created when the receipt comes before
 * its Stripe event, and the run's validator answers at once. Bounded in time, so that a Temporal that is
 * down costs the app a quick 503 rather than a minute of RPC retries.
 */
public final class ReceiptDelivery implements Managed {

    /** What the run said. */
    public sealed interface Outcome {
    }

    public record Accepted(ReceiptAnswer answer) implements Outcome {
    }

    public record Rejected(FailureType type, String message) implements Outcome {
    }

    /** The run is closed (its workflow id may not be reused); the stored state is the answer. */
    public record RunClosed() implements Outcome {
    }

    public record Unavailable(String message) implements Outcome {
    }

    private final WorkflowClient client;
    private final ProvingConfig proving;
    private final Duration timeout;
    // A call only waits for its run's workflow task to answer; with 8 threads, receipts at 50/s queued
    // here for seconds while Temporal was slow (bench/RESULTS.md, receipts as proof).
    private final ExecutorService calls = Executors.newFixedThreadPool(32, runnable -> {
        Thread thread = new Thread(runnable, "receipt-delivery");
        thread.setDaemon(true);
        return thread;
    });

    public ReceiptDelivery(WorkflowClient client, ProvingConfig proving, Duration timeout) {
        this.client = client;
        this.proving = proving;
        this.timeout = timeout;
    }

    /** @param receipt the receipt as its run may hold it ({@link ReceiptApp#forRun}) */
    public Outcome deliver(Receipt receipt) {
        Future<ReceiptAnswer> call = calls.submit(() -> updateWithStart(receipt));
        try {
            return new Accepted(call.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            call.cancel(true);
            return new Unavailable("Temporal did not answer within " + timeout.toSeconds() + " s; retry later");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Unavailable("interrupted while delivering the receipt; retry later");
        } catch (ExecutionException e) {
            return outcomeOf(e.getCause());
        }
    }

    private ReceiptAnswer updateWithStart(Receipt receipt) {
        BillingOutcomeWorkflow run = client.newWorkflowStub(BillingOutcomeWorkflow.class, WorkflowOptions.newBuilder()
                .setWorkflowId(WorkflowIds.forEvent(receipt.eventId()))
                .setTaskQueue(TaskQueues.OUTCOME)
                .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
                .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
                .build());
        OutcomeInput awaitingEvent = OutcomeInput.awaitingEvent(receipt.eventId(), proving.policyFor(null));
        return WorkflowClient.executeUpdateWithStart(run::submitReceipt, receipt,
                UpdateOptions.<ReceiptAnswer>newBuilder().setWaitForStage(WorkflowUpdateStage.COMPLETED).build(),
                new WithStartWorkflowOperation<>(run::run, awaitingEvent));
    }

    private static Outcome outcomeOf(Throwable failure) {
        if (causedBy(failure, WorkflowExecutionAlreadyStarted.class)) {
            return new RunClosed();
        }
        if (failure instanceof WorkflowUpdateException) {
            Optional<FailureType> type = UpdateRejections.failureType(failure);
            if (type.isPresent()) {
                return new Rejected(type.get(), rejectionText(failure, type.get()));
            }
        }
        return new Unavailable("the run could not take the receipt (" + failure.getClass().getSimpleName()
                + "); retry later");
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** The validator's own sentence, without the failure type the SDK workaround puts in front. */
    private static String rejectionText(Throwable failure, FailureType type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof io.temporal.failure.ApplicationFailure app && app.getOriginalMessage() != null) {
                String message = app.getOriginalMessage();
                String prefix = type.name() + ": ";
                return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
            }
        }
        return type.name();
    }

    @Override
    public void stop() {
        calls.shutdownNow();
    }
}
