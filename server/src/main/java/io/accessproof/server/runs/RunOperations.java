package io.accessproof.server.runs;

import io.accessproof.server.intake.RunStarter;
import io.accessproof.server.operators.OperatorActions;
import io.accessproof.store.events.PendingEvent;
import io.accessproof.store.events.StripeEventDao;
import io.accessproof.store.operators.AuditLog;
import io.accessproof.store.runs.RunDao;
import io.accessproof.workflows.WorkflowIds;
import io.accessproof.workflows.model.OperatorAnswer;
import io.accessproof.workflows.model.OperatorRequest;
import io.accessproof.workflows.model.RunState;
import io.accessproof.workflows.outcome.BillingOutcomeWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * An operator's retry and terminate of one run; every action is audited. The rows they change are written by
 * the run's workflow, or by an operator workflow once it has closed ({@link OperatorActions}).
 */
public final class RunOperations {

    /** What a retry did. */
    public enum Retry {
        /** The run was still going: it reconciles and asserts now. */
        RECHECK_SIGNALLED,
        /** The run had closed or was lost: a fresh run starts from the stored event. */
        RESTARTED,
        /** There is a run but no stored event to start a fresh one from (a receipt-created run). */
        NO_STORED_EVENT,
        NOT_FOUND
    }

    /** What a terminate did. */
    public enum Terminate { TERMINATED, ALREADY_CLOSED, NOT_FOUND }

    private final WorkflowClient client;
    private final Jdbi jdbi;
    private final RunStarter starter;
    private final AuditLog audit;
    private final OperatorActions actions;

    public RunOperations(WorkflowClient client, Jdbi jdbi, RunStarter starter, AuditLog audit,
                         OperatorActions actions) {
        this.client = client;
        this.jdbi = jdbi;
        this.starter = starter;
        this.audit = audit;
        this.actions = actions;
    }

    /** Where the actions on runs and incidents go: the run's workflow, or an operator workflow. */
    public OperatorActions actions() {
        return actions;
    }

    public Retry retry(String eventId, String actor) {
        Optional<String> state = jdbi.onDemand(RunDao.class).state(eventId);
        Optional<PendingEvent> event = jdbi.onDemand(StripeEventDao.class).find(eventId);
        if (state.isEmpty() && event.isEmpty()) {
            return Retry.NOT_FOUND;
        }
        Retry result = signalOrRestart(eventId, actor, event);
        if (result != Retry.RESTARTED) { // a restart's audit line is written with its change
            audit.record(actor, "run.retry", eventId, Map.of("result", result.name().toLowerCase()));
        }
        return result;
    }

    private Retry signalOrRestart(String eventId, String actor, Optional<PendingEvent> event) {
        try {
            client.newWorkflowStub(BillingOutcomeWorkflow.class, WorkflowIds.forEvent(eventId)).recheck(actor);
            return Retry.RECHECK_SIGNALLED;
        } catch (WorkflowNotFoundException closedOrLost) {
            if (event.isEmpty()) {
                return Retry.NO_STORED_EVENT;
            }
            starter.startAgain(event.get());
            actions.standalone(OperatorRequest.restart(eventId, actor));
            return Retry.RESTARTED;
        }
    }

    public Terminate terminate(String eventId, String reason, String actor) {
        Optional<RunState> state = jdbi.onDemand(RunDao.class).state(eventId).map(RunState::fromWire);
        if (state.isEmpty()) {
            return Terminate.NOT_FOUND;
        }
        if (state.get().closed()) {
            return Terminate.ALREADY_CLOSED;
        }
        OperatorAnswer answer = actions.onRun(OperatorRequest.terminate(eventId, reason, actor));
        return switch (answer.result()) {
            case DONE -> Terminate.TERMINATED;
            case ALREADY_CLOSED, NOT_OPEN -> Terminate.ALREADY_CLOSED;
            case NOT_FOUND -> Terminate.NOT_FOUND;
        };
    }
}
