package io.accessproof.activities.watchdog;

import io.accessproof.activities.incidents.IncidentActivitiesImpl;
import io.accessproof.store.events.StripeEventDao;
import io.accessproof.store.runs.RunDao;
import io.accessproof.workflows.WorkflowIds;
import io.accessproof.workflows.model.Evidence;
import io.accessproof.workflows.model.IncidentKind;
import io.accessproof.workflows.model.IncidentOpenedNotice;
import io.accessproof.workflows.model.IncidentRequest;
import io.accessproof.workflows.model.StripeEventFacts;
import io.accessproof.workflows.outcome.IncidentTitles;
import io.accessproof.workflows.watchdog.WatchReport;
import io.accessproof.workflows.watchdog.WatchdogActivities;
import io.accessproof.workflows.watchdog.WatchdogInput;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Implements {@link WatchdogActivities} against PostgreSQL and the Temporal frontend. */
public final class WatchdogActivitiesImpl implements WatchdogActivities {
    private static final Logger LOG = LoggerFactory.getLogger(WatchdogActivitiesImpl.class);
    private static final int BATCH = 200;
    private static final String WRITER = "watchdog";

    private final Jdbi jdbi;
    private final WorkflowServiceStubs temporal;
    private final String namespace;
    private final IncidentActivitiesImpl incidents;
    private final Clock clock;

    public WatchdogActivitiesImpl(Jdbi jdbi, WorkflowServiceStubs temporal, String namespace,
                                  IncidentActivitiesImpl incidents, Clock clock) {
        this.jdbi = jdbi;
        this.temporal = temporal;
        this.namespace = namespace;
        this.incidents = incidents;
        this.clock = clock;
    }

    @Override
    public WatchReport inspect(WatchdogInput input) {
        Instant now = clock.instant();
        Duration shortest = input.deadlines().values().stream().reduce(input.defaultDeadline(),
                (a, b) -> a.compareTo(b) <= 0 ? a : b);
        List<RunDao.OpenRun> candidates = jdbi.onDemand(RunDao.class)
                .quietOpenRuns(now.minus(shortest).minus(input.margin()), BATCH);
        int redriven = 0;
        int terminated = 0;
        List<IncidentOpenedNotice> stalled = new ArrayList<>();
        for (RunDao.OpenRun run : candidates) {
            Duration deadline = input.deadlines().getOrDefault(run.eventType(), input.defaultDeadline());
            if (run.updatedAt().plus(deadline).plus(input.margin()).isAfter(now)) {
                continue;
            }
            WorkflowExecutionStatus status = statusOf(run.eventId());
            boolean pastHorizon = input.horizon() != null && run.startedAt().plus(input.horizon()).isBefore(now);
            if (status == null && pastHorizon) {
                stalled.add(openStalled(run, "workflow_lost_past_horizon", now)); // never a fresh run of an old event
            } else if (status == null) {
                redriven += jdbi.onDemand(StripeEventDao.class).redrive(run.eventId());
            } else if (status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_TERMINATED) {
                terminated += recordTerminated(run.eventId(), now);
            } else {
                stalled.add(openStalled(run, "workflow_"
                        + status.name().replace("WORKFLOW_EXECUTION_STATUS_", "").toLowerCase(Locale.ROOT), now));
            }
        }
        if (redriven + terminated + stalled.size() > 0) {
            LOG.warn("stall watchdog: {} re-driven, {} recorded terminated, {} run_stalled incidents", redriven,
                    terminated, stalled.size());
        }
        return new WatchReport(redriven, terminated, stalled);
    }

    /** The run's workflow status, or null when Temporal does not know the workflow (lost with its memory). */
    private WorkflowExecutionStatus statusOf(String eventId) {
        try {
            return temporal.blockingStub().withDeadlineAfter(5, TimeUnit.SECONDS)
                    .describeWorkflowExecution(DescribeWorkflowExecutionRequest.newBuilder().setNamespace(namespace)
                            .setExecution(WorkflowExecution.newBuilder().setWorkflowId(WorkflowIds.forEvent(eventId)))
                            .build())
                    .getWorkflowExecutionInfo().getStatus();
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
                return null;
            }
            throw e;
        }
    }

    private int recordTerminated(String eventId, Instant now) {
        return jdbi.inTransaction(h -> {
            RunDao runs = h.attach(RunDao.class);
            int marked = runs.markTerminated(eventId, now);
            if (marked > 0) {
                runs.appendTimeline(eventId, WRITER, runs.nextStep(eventId, WRITER), "terminated",
                        "its workflow was terminated outside accessproof (Temporal shows it terminated)", now);
            }
            return marked;
        });
    }

    private IncidentOpenedNotice openStalled(RunDao.OpenRun run, String reason, Instant now) {
        StripeEventFacts event = new StripeEventFacts(run.eventType(), null, run.livemode(), null, null,
                run.customerId(), run.subscriptionId(), run.startedAt().getEpochSecond());
        Evidence evidence = new Evidence(run.eventId(), run.eventType(), run.customerId(), run.subscriptionId(), null,
                null, null, null, null, null, List.of(), null, reason, false, null);
        String id = incidents.open(new IncidentRequest(run.eventId(), IncidentKind.RUN_STALLED,
                IncidentTitles.title(IncidentKind.RUN_STALLED, run.eventId(), event, reason), evidence, now.toEpochMilli()));
        return new IncidentOpenedNotice(id, run.eventId(), run.livemode(), now.toEpochMilli());
    }
}
