package io.accessproof.server.runs;

import io.accessproof.server.incidents.ResolutionNotifier;
import io.accessproof.store.events.PendingEvent;
import io.accessproof.store.events.StripeEventDao;
import io.accessproof.store.incidents.IncidentDao;
import io.accessproof.store.operators.AuditLog;
import io.accessproof.store.runs.RunDao;
import io.accessproof.store.runs.RunFilter;
import io.accessproof.workflows.WorkflowIds;
import io.accessproof.workflows.model.RunState;
import io.accessproof.workflows.outcome.BillingOutcomeWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** An operator's retry and terminate of one run; every action is audited. */
public final class RunOperations {
    private static final String OPERATOR = "operator";

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
    private final ResolutionNotifier resolutions;

    public RunOperations(WorkflowClient client, Jdbi jdbi, RunStarter starter, AuditLog audit,
                         ResolutionNotifier resolutions) {
        this.client = client;
        this.jdbi = jdbi;
        this.starter = starter;
        this.audit = audit;
        this.resolutions = resolutions;
    }

    public Retry retry(String eventId, String actor) {
        Optional<String> state = jdbi.onDemand(RunDao.class).state(eventId);
        Optional<PendingEvent> event = jdbi.onDemand(StripeEventDao.class).find(eventId);
        if (state.isEmpty() && event.isEmpty()) {
            return Retry.NOT_FOUND;
        }
        Retry result = signalOrRestart(eventId, actor, event);
        audit.record(actor, "run.retry", eventId, Map.of("result", result.name().toLowerCase()));
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
            // The fresh run proves (or escalates) again; the old incident is not its business any more.
            resolveIncident(eventId, event.get().livemode(), "retried", "run restarted by " + actor);
            starter.startAgain(event.get());
            jdbi.onDemand(StripeEventDao.class).markDispatched(new String[] {eventId}); // out of quarantine, if it was
            note(eventId, RunState.ACCEPTED, "run restarted from the stored event by " + actor);
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
        try {
            client.newUntypedWorkflowStub(WorkflowIds.forEvent(eventId)).terminate(reason);
        } catch (WorkflowNotFoundException alreadyEnded) {
            // An incident past its horizon has no workflow any more; the business record still closes.
        }
        jdbi.onDemand(RunDao.class).markTerminated(eventId, Instant.now());
        Boolean livemode = jdbi.onDemand(StripeEventDao.class).find(eventId).map(PendingEvent::livemode).orElse(null);
        resolveIncident(eventId, livemode, "terminated", reason);
        note(eventId, RunState.TERMINATED, "terminated by " + actor + ": " + reason);
        audit.record(actor, "run.terminate", eventId, Map.of("reason", reason));
        return Terminate.TERMINATED;
    }

    /** Resolves the run's open incident, if it has one, and tells the sinks. */
    private void resolveIncident(String eventId, Boolean livemode, String how, String note) {
        IncidentDao incidents = jdbi.onDemand(IncidentDao.class);
        Optional<String> open = incidents.openFor(eventId);
        if (open.isPresent() && incidents.resolveOpen(eventId, how, note) > 0) {
            resolutions.resolved(open.get(), eventId, livemode, how, note);
        }
    }

    public void auditBulk(String actor, String action, RunFilter filter, int count, String jobId) {
        audit.record(actor, "runs.bulk_" + action, jobId, Map.of("filter", filter.asMap(), "count", count));
    }

    private void note(String eventId, RunState state, String note) {
        jdbi.useTransaction(h -> {
            RunDao runs = h.attach(RunDao.class);
            runs.appendTimeline(eventId, OPERATOR, runs.nextStep(eventId, OPERATOR), state.wire(), note, Instant.now());
        });
    }
}
