package io.accessproof.activities.operators;

import io.accessproof.store.Json;
import io.accessproof.store.events.PendingEvent;
import io.accessproof.store.events.StripeEventDao;
import io.accessproof.store.incidents.IncidentDao;
import io.accessproof.store.operators.AuditLog;
import io.accessproof.store.runs.RunDao;
import io.accessproof.workflows.model.OperatorAnswer.Result;
import io.accessproof.workflows.model.OperatorAnswer;
import io.accessproof.workflows.model.OperatorRequest;
import io.accessproof.workflows.model.RunState;
import io.accessproof.workflows.outcome.OperatorActivities;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityInfo;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Writes an operator's terminate, restart, acknowledge or resolve with its audit line in one transaction. The
 * audit line carries the activity's id and its answer, so an attempt retried after the commit answers the same.
 */
public final class OperatorActivitiesImpl implements OperatorActivities {
    private static final String WRITER = "operator";

    private final Jdbi jdbi;
    private final Clock clock;
    private final Supplier<String> requestIds;

    public OperatorActivitiesImpl(Jdbi jdbi, Clock clock) {
        this(jdbi, clock, OperatorActivitiesImpl::currentActivity);
    }

    /** @param requestIds names the attempt's activity; its retries share the name */
    OperatorActivitiesImpl(Jdbi jdbi, Clock clock, Supplier<String> requestIds) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.requestIds = requestIds;
    }

    @Override
    public OperatorAnswer apply(OperatorRequest request) {
        String requestId = requestIds.get();
        return jdbi.inTransaction(h -> {
            AuditLog audit = h.attach(AuditLog.class);
            Optional<String> earlier = requestId == null ? Optional.empty() : audit.answerOf(requestId);
            if (earlier.isPresent()) {
                return Json.read(earlier.get(), OperatorAnswer.class);
            }
            OperatorAnswer answer = switch (request.action()) {
                case TERMINATE -> terminate(h, request);
                case RESTART -> restart(h, request);
                case ACKNOWLEDGE -> acknowledge(h, request);
                case RESOLVE -> resolve(h, request);
            };
            if (answer.done()) {
                audit.insertAnswered(request.actor(), auditAction(request), target(request),
                        Json.write(detail(request)), requestId, Json.write(answer));
            }
            return answer;
        });
    }

    private OperatorAnswer terminate(Handle h, OperatorRequest request) {
        RunDao runs = h.attach(RunDao.class);
        Optional<RunState> state = runs.state(request.eventId()).map(RunState::fromWire);
        if (state.isEmpty()) {
            return OperatorAnswer.of(Result.NOT_FOUND);
        }
        if (state.get().closed()) {
            return new OperatorAnswer(Result.ALREADY_CLOSED, state.get().wire(), null, livemode(h, request.eventId()));
        }
        Instant now = clock.instant();
        runs.markTerminated(request.eventId(), now);
        String resolved = resolveOpen(h, request);
        note(runs, request.eventId(), RunState.TERMINATED, "terminated by " + request.actor() + ": " + request.reason(),
                now);
        return new OperatorAnswer(Result.DONE, RunState.TERMINATED.wire(), resolved, livemode(h, request.eventId()));
    }

    /** The fresh run proves (or escalates) again; the closed run's incident is not its business any more. */
    private OperatorAnswer restart(Handle h, OperatorRequest request) {
        RunDao runs = h.attach(RunDao.class);
        String resolved = resolveOpen(h, request);
        h.attach(StripeEventDao.class).markDispatched(new String[] {request.eventId()}); // out of quarantine, if it was
        note(runs, request.eventId(), RunState.ACCEPTED, "run restarted from the stored event by " + request.actor(),
                clock.instant());
        return new OperatorAnswer(Result.DONE, RunState.ACCEPTED.wire(), resolved, livemode(h, request.eventId()));
    }

    private static OperatorAnswer acknowledge(Handle h, OperatorRequest request) {
        IncidentDao incidents = h.attach(IncidentDao.class);
        if (incidents.acknowledge(request.incidentId(), request.actor()) == 0) {
            return OperatorAnswer.of(incidents.exists(request.incidentId()) ? Result.NOT_OPEN : Result.NOT_FOUND);
        }
        return OperatorAnswer.of(Result.DONE);
    }

    private static OperatorAnswer resolve(Handle h, OperatorRequest request) {
        IncidentDao incidents = h.attach(IncidentDao.class);
        if (incidents.resolve(request.incidentId(), request.resolutionHow(), request.reason(), request.note()) == 0) {
            return OperatorAnswer.of(incidents.exists(request.incidentId()) ? Result.NOT_OPEN : Result.NOT_FOUND);
        }
        return new OperatorAnswer(Result.DONE, null, request.incidentId(), null);
    }

    /** Resolves the run's open incident, if it has one; returns its id, or null. */
    private static String resolveOpen(Handle h, OperatorRequest request) {
        IncidentDao incidents = h.attach(IncidentDao.class);
        Optional<String> open = incidents.openFor(request.eventId());
        return open.isPresent()
                && incidents.resolveOpen(request.eventId(), request.resolutionHow(), request.resolutionNote()) > 0
                ? open.get() : null;
    }

    private static void note(RunDao runs, String eventId, RunState state, String note, Instant at) {
        runs.appendTimeline(eventId, WRITER, runs.nextStep(eventId, WRITER), state.wire(), note, at);
    }

    private static Boolean livemode(Handle h, String eventId) {
        return h.attach(StripeEventDao.class).find(eventId).map(PendingEvent::livemode).orElse(null);
    }

    private static String auditAction(OperatorRequest request) {
        return switch (request.action()) {
            case TERMINATE -> "run.terminate";
            case RESTART -> "run.retry";
            case ACKNOWLEDGE -> "incident.ack";
            case RESOLVE -> "incident.resolve";
        };
    }

    private static String target(OperatorRequest request) {
        return request.incidentId() != null ? request.incidentId() : request.eventId();
    }

    private static Map<String, Object> detail(OperatorRequest request) {
        Map<String, Object> detail = new LinkedHashMap<>();
        switch (request.action()) {
            case TERMINATE -> detail.put("reason", request.reason());
            case RESTART -> detail.put("result", "restarted");
            case ACKNOWLEDGE -> { }
            case RESOLVE -> {
                detail.put("note", request.note());
                detail.put("reason", request.reason());
            }
        }
        return detail;
    }

    /** The activity writing this action; null outside an activity (a direct call in a test). */
    private static String currentActivity() {
        try {
            ActivityInfo info = Activity.getExecutionContext().getInfo();
            return info.getWorkflowId() + "/" + info.getRunId() + "/" + info.getActivityId();
        } catch (IllegalStateException notInAnActivity) {
            return null;
        }
    }
}
