package io.accessproof.activities.runs;

import io.accessproof.store.Json;
import io.accessproof.store.runs.RunDao;
import io.accessproof.store.runs.RunStep;
import io.accessproof.workflows.model.Expectation;
import io.accessproof.workflows.model.RunState;
import io.accessproof.workflows.model.RunTransition;
import io.accessproof.workflows.model.StripeEventFacts;
import io.accessproof.workflows.model.SupersessionCheck;
import io.accessproof.workflows.outcome.RunStoreActivities;
import io.temporal.activity.Activity;
import java.time.Duration;
import java.time.Instant;
import org.jdbi.v3.core.Jdbi;

/**
 * Keeps a run's business state in PostgreSQL; every write is idempotent on (event id, step). A step that reaches
 * or changes the verdict appends the run's proof record in the same transaction.
 */
public final class RunStoreActivitiesImpl implements RunStoreActivities {
    private final Jdbi jdbi;
    private final RunDao runs;
    private final RunOutcomes outcomes;

    public RunStoreActivitiesImpl(Jdbi jdbi) {
        this(jdbi, RunOutcomes.NONE);
    }

    public RunStoreActivitiesImpl(Jdbi jdbi, RunOutcomes outcomes) {
        this.jdbi = jdbi;
        this.runs = jdbi.onDemand(RunDao.class);
        this.outcomes = outcomes;
    }

    @Override
    public void record(RunTransition t) {
        Instant at = Instant.ofEpochMilli(t.atMillis());
        StripeEventFacts event = t.event();
        Expectation expected = t.expected();
        String customer = expected != null && expected.customerId() != null ? expected.customerId()
                : event == null ? null : event.customerId();
        String subscription = expected != null && expected.subscriptionId() != null ? expected.subscriptionId()
                : event == null ? null : event.subscriptionId();
        boolean proven = t.state() == RunState.PROVEN || t.state() == RunState.PROVEN_LATE;
        RunStep step = new RunStep(t.eventId(), event == null ? null : event.type(),
                event == null ? null : Instant.ofEpochSecond(event.created()), customer, subscription,
                t.state().wire(), Json.write(expected), Json.write(t.observed()),
                t.proofSource() == null ? null : t.proofSource().wire(), at,
                t.state().closed() ? at : null, proven ? at : null,
                workflowRunId(), t.step(), t.note() == null ? "" : t.note());
        if (ProofRecords.isVerdict(t.state())) {
            jdbi.useTransaction(h -> {
                h.attach(RunDao.class).record(step);
                ProofRecords.append(h, step.writer(), t);
            });
        } else {
            runs.record(step);
        }
        if (t.state().closed() || t.state() == RunState.INCIDENT) {
            outcomes.reached(event == null ? null : event.type(), t.state(),
                    event == null ? null : Duration.between(Instant.ofEpochSecond(event.created()), at));
        }
    }

    /** The Temporal run writing this step; empty outside an activity (a direct call in a test). */
    private static String workflowRunId() {
        try {
            return Activity.getExecutionContext().getInfo().getRunId();
        } catch (IllegalStateException notInAnActivity) {
            return "";
        }
    }

    @Override
    public String newerRun(SupersessionCheck check) {
        if (check.subscriptionId() == null) {
            return null;
        }
        return jdbi.withHandle(handle -> {
            RunDao runs = handle.attach(RunDao.class);
            String newer = runs.newerEvent(check.eventId(), check.subscriptionId(), runs.customerOf(check.eventId()),
                    Instant.ofEpochSecond(check.eventCreated()));
            if (newer != null) {
                runs.markSupersededBy(check.eventId(), newer);
            }
            return newer;
        });
    }
}
