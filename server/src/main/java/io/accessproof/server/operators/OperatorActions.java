package io.accessproof.server.operators;

import io.accessproof.workflows.TaskQueues;
import io.accessproof.workflows.WorkflowIds;
import io.accessproof.workflows.model.OperatorAction;
import io.accessproof.workflows.model.OperatorAnswer;
import io.accessproof.workflows.model.OperatorRequest;
import io.accessproof.workflows.outcome.BillingOutcomeWorkflow;
import io.accessproof.workflows.outcome.OperatorActionWorkflow;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WithStartWorkflowOperation;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowUpdateStage;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands an operator's action to the workflow that owns the rows it changes, and waits for its answer: an open
 * run's own workflow (update {@code operate}), else a short {@link OperatorActionWorkflow}. The API never writes
 * a run or an incident itself.
 */
public final class OperatorActions {
    private static final Logger LOG = LoggerFactory.getLogger(OperatorActions.class);

    private final WorkflowClient client;
    private final Duration timeout;
    private final ExecutorService calls = Executors.newFixedThreadPool(8, runnable -> {
        Thread thread = new Thread(runnable, "operator-actions");
        thread.setDaemon(true);
        return thread;
    });

    public OperatorActions(WorkflowClient client, Duration timeout) {
        this.client = client;
        this.timeout = timeout;
    }

    /**
     * The action on a run (or its incident): by the run's workflow while it is open, by an operator workflow once
     * it has closed. A run that does not answer in time is stuck: a terminate then ends its workflow through
     * Temporal and writes the rows itself; any other action answers {@link OperatorUnavailable}.
     */
    public OperatorAnswer onRun(OperatorRequest request) {
        BillingOutcomeWorkflow run = client.newWorkflowStub(BillingOutcomeWorkflow.class,
                WorkflowIds.forEvent(request.eventId()));
        try {
            return within(() -> run.operate(request));
        } catch (RunClosed closed) {
            return standalone(request);
        } catch (OperatorUnavailable stuck) {
            if (request.action() != OperatorAction.TERMINATE) {
                throw stuck;
            }
            LOG.warn("run {} did not take the terminate within {} s; terminating its workflow", request.eventId(),
                    timeout.toSeconds());
            terminateWorkflow(request);
            return standalone(request);
        }
    }

    /** The action by an operator workflow: a closed run, or an incident no run owns (drift, stall). */
    public OperatorAnswer standalone(OperatorRequest request) {
        OperatorActionWorkflow action = client.newWorkflowStub(OperatorActionWorkflow.class,
                WorkflowOptions.newBuilder()
                        .setWorkflowId("operator-" + request.action().wire() + "-" + UUID.randomUUID())
                        .setTaskQueue(TaskQueues.OUTCOME)
                        .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_FAIL)
                        .build());
        try {
            return within(() -> WorkflowClient.executeUpdateWithStart(action::answer,
                    UpdateOptions.<OperatorAnswer>newBuilder().setWaitForStage(WorkflowUpdateStage.COMPLETED).build(),
                    new WithStartWorkflowOperation<>(action::act, request)));
        } catch (RunClosed impossible) {
            throw new OperatorUnavailable("Temporal did not start the operator workflow; retry later");
        }
    }

    private void terminateWorkflow(OperatorRequest request) {
        try {
            client.newUntypedWorkflowStub(WorkflowIds.forEvent(request.eventId())).terminate(request.reason());
        } catch (WorkflowNotFoundException alreadyEnded) {
            // It ended meanwhile; the operator workflow finds its state.
        }
    }

    private OperatorAnswer within(Supplier<OperatorAnswer> call) {
        Future<OperatorAnswer> answer = calls.submit(call::get);
        try {
            return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw new OperatorUnavailable("Temporal did not answer within " + timeout.toSeconds() + " s; retry later");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OperatorUnavailable("interrupted; retry later");
        } catch (ExecutionException e) {
            if (notFound(e.getCause())) {
                throw new RunClosed();
            }
            LOG.warn("an operator's action could not be handed to Temporal", e.getCause());
            throw new OperatorUnavailable("the action could not be handed to Temporal ("
                    + e.getCause().getClass().getSimpleName() + "); retry later");
        }
    }

    /** The run's workflow has completed, or Temporal never had it (an in-memory server restarted). */
    private static boolean notFound(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof WorkflowNotFoundException
                    || t instanceof StatusRuntimeException s && s.getStatus().getCode() == Status.Code.NOT_FOUND) {
                return true;
            }
        }
        return false;
    }

    private static final class RunClosed extends RuntimeException {
        RunClosed() {
            super(null, null, false, false);
        }
    }
}
