package io.accessproof.workflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import io.accessproof.workflows.audit.AuditActivities;
import io.accessproof.workflows.audit.AuditInput;
import io.accessproof.workflows.audit.AuditPage;
import io.accessproof.workflows.audit.DriftAuditWorkflow;
import io.accessproof.workflows.audit.DriftAuditWorkflowImpl;
import io.accessproof.workflows.model.IncidentOpenedNotice;
import io.accessproof.workflows.outcome.NotificationActivities;
import io.accessproof.workflows.retention.PurgeReport;
import io.accessproof.workflows.retention.RetentionActivities;
import io.accessproof.workflows.retention.RetentionInput;
import io.accessproof.workflows.retention.RetentionWorkflow;
import io.accessproof.workflows.retention.RetentionWorkflowImpl;
import io.accessproof.workflows.sweep.MissedEventSweepWorkflow;
import io.accessproof.workflows.sweep.MissedEventSweepWorkflowImpl;
import io.accessproof.workflows.sweep.SweepActivities;
import io.accessproof.workflows.sweep.SweepInput;
import io.accessproof.workflows.sweep.SweepReport;
import io.accessproof.workflows.watchdog.StallWatchdogWorkflow;
import io.accessproof.workflows.watchdog.StallWatchdogWorkflowImpl;
import io.accessproof.workflows.watchdog.WatchReport;
import io.accessproof.workflows.watchdog.WatchdogActivities;
import io.accessproof.workflows.watchdog.WatchdogInput;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The service's own workflows (stall watchdog, purge job, missed-event sweep, drift audit) replay their recorded histories, so
 * a change to their command sequence must be versioned like the run's. Record again with
 * {@code ./mvnw -o -q -pl workflows test -Dtest='ServiceWorkflowsReplayTest#record' -Daccessproof.recordHistories=true}.
 */
class ServiceWorkflowsReplayTest {
    private static final Path DIR = Path.of("src/test/resources/histories");
    private static final String QUEUE = "singletons";

    @ParameterizedTest
    @CsvSource({"watchdog-looks.json, StallWatchdogWorkflow", "retention-passes.json, RetentionWorkflow",
            "sweep-periodic.json, MissedEventSweepWorkflow", "sweep-by-hand.json, MissedEventSweepWorkflow",
            "audit-pages.json, DriftAuditWorkflow"})
    void recordedHistoryReplays(String file, String type) throws Exception {
        String json;
        try (InputStream in = getClass().getResourceAsStream("/histories/" + file)) {
            assertThat(in).as(file).isNotNull();
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(json).contains(type);
        try (TestWorkflowEnvironment env = environment()) {
            WorkflowReplayer.replayWorkflowExecution(WorkflowExecutionHistory.fromJson(json), env,
                    StallWatchdogWorkflowImpl.class, RetentionWorkflowImpl.class, MissedEventSweepWorkflowImpl.class,
                    DriftAuditWorkflowImpl.class);
        }
    }

    @Test
    @EnabledIfSystemProperty(named = "accessproof.recordHistories", matches = "true")
    void record() throws IOException {
        try (TestWorkflowEnvironment env = environment()) {
            Worker worker = env.newWorker(QUEUE);
            worker.registerWorkflowImplementationTypes(StallWatchdogWorkflowImpl.class, RetentionWorkflowImpl.class,
                    MissedEventSweepWorkflowImpl.class, DriftAuditWorkflowImpl.class);
            worker.registerActivitiesImplementations(watchdog(), retention(), sweep(), audit(),
                    mock(NotificationActivities.class, withSettings().withoutAnnotations()));
            env.start();
            WorkflowClient client = env.getWorkflowClient();
            WorkflowClient.start(client.newWorkflowStub(StallWatchdogWorkflow.class, options("watchdog"))::watch,
                    new WatchdogInput(Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(10), Map.of(),
                            Duration.ofHours(24)));
            WorkflowClient.start(client.newWorkflowStub(RetentionWorkflow.class, options("retention"))::keep,
                    new RetentionInput(Duration.ofHours(1), Duration.ofDays(30), Duration.ofDays(90),
                            Duration.ofDays(400), 1000, true));
            WorkflowClient.start(client.newWorkflowStub(MissedEventSweepWorkflow.class, options("sweep"))::sweep,
                    sweepInput(null, null));
            client.newWorkflowStub(MissedEventSweepWorkflow.class, options("sweep-by-hand"))
                    .sweep(sweepInput("swp_rec", 1_700_000_000L));
            client.newWorkflowStub(DriftAuditWorkflow.class, options("audit")).audit(new AuditInput("aud_rec", false));
            env.sleep(Duration.ofHours(2).plusMinutes(5));
            write(client, "watchdog", "watchdog-looks.json");
            write(client, "retention", "retention-passes.json");
            write(client, "sweep", "sweep-periodic.json");
            write(client, "sweep-by-hand", "sweep-by-hand.json");
            write(client, "audit", "audit-pages.json");
        }
    }

    private static TestWorkflowEnvironment environment() {
        return TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder()
                .setWorkflowClientOptions(WorkflowClientOptions.newBuilder()
                        .setDataConverter(PayloadConverters.dataConverter()).build())
                .build());
    }

    private static WorkflowOptions options(String id) {
        return WorkflowOptions.newBuilder().setWorkflowId(id).setTaskQueue(QUEUE).build();
    }

    private static SweepInput sweepInput(String sweepId, Long since) {
        return new SweepInput(Duration.ofMinutes(30), Duration.ofMinutes(10), Duration.ofDays(3), Duration.ofMinutes(1),
                List.of("invoice.paid"), sweepId, since);
    }

    private static WatchdogActivities watchdog() {
        WatchdogActivities watchdog = mock(WatchdogActivities.class, withSettings().withoutAnnotations());
        when(watchdog.inspect(any())).thenReturn(new WatchReport(1, 0, List.of()));
        return watchdog;
    }

    private static RetentionActivities retention() {
        RetentionActivities retention = mock(RetentionActivities.class, withSettings().withoutAnnotations());
        when(retention.purge(any())).thenReturn(new PurgeReport(0, 1000, 0, 0, 0, 0, true),
                new PurgeReport(5, 10, 1, 0, 2, 1, false));
        return retention;
    }

    private static AuditActivities audit() {
        AuditActivities audit = mock(AuditActivities.class, withSettings().withoutAnnotations());
        when(audit.nextPage(any())).thenReturn(
                new AuditPage(false, false, List.of(new IncidentOpenedNotice("inc_rec", "drift-cus_rec", false, 1L))),
                new AuditPage(true, false, List.of()));
        return audit;
    }

    private static SweepActivities sweep() {
        SweepActivities sweep = mock(SweepActivities.class, withSettings().withoutAnnotations());
        when(sweep.sweep(any())).thenReturn(new SweepReport("swp", 1_700_000_000L, 1_700_086_400L, 2, 150, 149, 1));
        return sweep;
    }

    private static void write(WorkflowClient client, String workflowId, String file) throws IOException {
        Files.createDirectories(DIR);
        Files.writeString(DIR.resolve(file), client.fetchHistory(workflowId).toJson(true), StandardCharsets.UTF_8);
    }
}
