package io.accessproof.activities.watchdog;

import static org.assertj.core.api.Assertions.assertThat;

import io.accessproof.activities.incidents.IncidentActivitiesImpl;
import io.accessproof.activities.incidents.IncidentLinks;
import io.accessproof.store.TestStore;
import io.accessproof.workflows.WorkflowIds;
import io.accessproof.workflows.watchdog.WatchReport;
import io.accessproof.workflows.watchdog.WatchdogInput;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The stall watchdog's look against real PostgreSQL and a Temporal frontend: a run whose workflow Temporal
 * lost is re-driven, one terminated from outside is recorded terminated, one that runs without progressing
 * gets one run_stalled incident, and runs still inside their deadline plus the margin are left alone.
 */
class WatchdogActivitiesIntegrationTest {
    private static final WatchdogInput INPUT = new WatchdogInput(Duration.ofMinutes(1), Duration.ofMinutes(2),
            Duration.ofMinutes(10), Map.of("checkout.session.completed", Duration.ofSeconds(60)), Duration.ofHours(24));

    private static TestStore store;
    private static Jdbi jdbi;
    private static TestWorkflowEnvironment temporal;
    private static WatchdogActivitiesImpl watchdog;

    @BeforeAll
    static void start() {
        store = TestStore.open(2);
        jdbi = store.jdbi();
        temporal = TestWorkflowEnvironment.newInstance();
        watchdog = new WatchdogActivitiesImpl(jdbi, temporal.getWorkflowServiceStubs(), temporal.getNamespace(),
                new IncidentActivitiesImpl(jdbi, new IncidentLinks("http://temporal.test", "default", "test")),
                Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        temporal.close();
        store.close();
    }

    @Test
    void look_redrivesLost_recordsTerminated_raisesStalled_leavesTheYoungAlone() {
        openRun("evt_wd_lost", "invoice.paid", "1 hour");
        openRun("evt_wd_terminated", "invoice.paid", "1 hour");
        openRun("evt_wd_stuck", "invoice.paid", "1 hour");
        openRun("evt_wd_young", "invoice.paid", "5 minutes");
        openRun("evt_wd_checkout", "checkout.session.completed", "4 minutes");
        openRun("evt_wd_ancient", "invoice.paid", "3 days");
        workflowWithoutWorker("evt_wd_terminated").terminate("by hand from the Temporal CLI");
        workflowWithoutWorker("evt_wd_stuck");

        WatchReport report = watchdog.inspect(INPUT);

        assertThat(report.redriven()).as("evt_wd_lost and evt_wd_checkout: no workflow").isEqualTo(2);
        assertThat(report.terminated()).isEqualTo(1);
        assertThat(report.stalled()).extracting(n -> n.eventId())
                .containsExactlyInAnyOrder("evt_wd_stuck", "evt_wd_ancient");
        assertThat(dispatched("evt_wd_ancient")).as("past its horizon: never started again as a fresh run").isTrue();
        assertThat(reasonCode("evt_wd_ancient")).isEqualTo("workflow_lost_past_horizon");
        assertThat(reasonCode("evt_wd_stuck")).isEqualTo("workflow_running");
        assertThat(dispatched("evt_wd_lost")).as("back in the outbox").isFalse();
        assertThat(state("evt_wd_terminated")).isEqualTo("terminated");
        assertThat(state("evt_wd_stuck")).as("the run row stays its workflow's").isEqualTo("proving");
        assertThat(incidentKind("evt_wd_stuck")).isEqualTo("run_stalled");
        assertThat(dispatched("evt_wd_young")).isTrue();
        assertThat(dispatched("evt_wd_checkout")).as("60 s deadline + 2 min margin passed").isFalse();

        WatchReport again = watchdog.inspect(INPUT);
        assertThat(again.stalled()).as("one open incident per stalled run, paged once").isEmpty();
        assertThat(again.terminated()).isZero();
    }

    private static WorkflowStub workflowWithoutWorker(String eventId) {
        WorkflowStub stub = temporal.getWorkflowClient().newUntypedWorkflowStub("BillingOutcomeWorkflow",
                WorkflowOptions.newBuilder().setWorkflowId(WorkflowIds.forEvent(eventId))
                        .setTaskQueue("no-worker-polls-this").build());
        stub.start();
        return stub;
    }

    private static void openRun(String eventId, String type, String age) {
        jdbi.useHandle(h -> {
            h.createUpdate("INSERT INTO stripe_events (event_id, type, livemode, created, received, payload, raw_payload, "
                            + "dispatched, dispatch_attempts) VALUES (:e, :t, false, now(), now() - CAST(:age AS interval), "
                            + "'{}'::jsonb, '\\x7b7d'::bytea, now(), 1)")
                    .bind("e", eventId).bind("t", type).bind("age", age).execute();
            h.createUpdate("INSERT INTO runs (event_id, event_type, customer_id, state, started_at, updated_at) "
                            + "VALUES (:e, :t, 'cus_wd', 'proving', now() - CAST(:age AS interval), "
                            + "now() - CAST(:age AS interval))")
                    .bind("e", eventId).bind("t", type).bind("age", age).execute();
        });
    }

    private static boolean dispatched(String eventId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT dispatched IS NOT NULL FROM stripe_events WHERE event_id = :e")
                .bind("e", eventId).mapTo(Boolean.class).one());
    }

    private static String state(String eventId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT state FROM runs WHERE event_id = :e")
                .bind("e", eventId).mapTo(String.class).one());
    }

    private static String reasonCode(String eventId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT reason_code FROM incidents WHERE event_id = :e AND resolved_at IS NULL")
                .bind("e", eventId).mapTo(String.class).one());
    }

    private static String incidentKind(String eventId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT kind FROM incidents WHERE event_id = :e AND resolved_at IS NULL")
                .bind("e", eventId).mapTo(String.class).one());
    }
}
