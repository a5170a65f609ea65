package io.accessproof.workflows.watchdog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.atLeast;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import io.accessproof.workflows.PayloadConverters;
import io.accessproof.workflows.model.IncidentOpenedNotice;
import io.accessproof.workflows.outcome.NotificationActivities;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.EventType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The watchdog looks every period, pages what it found, survives a failed look, and keeps its history short. */
class StallWatchdogWorkflowTest {
    private static final WatchdogInput INPUT = new WatchdogInput(Duration.ofMinutes(1), Duration.ofMinutes(2),
            Duration.ofMinutes(10), Map.of(), Duration.ofHours(24));

    @RegisterExtension
    static final TestWorkflowExtension testWorkflow = TestWorkflowExtension.newBuilder()
            .registerWorkflowImplementationTypes(StallWatchdogWorkflowImpl.class)
            .setWorkflowClientOptions(WorkflowClientOptions.newBuilder()
                    .setDataConverter(PayloadConverters.dataConverter()).build())
            .setDoNotStart(true)
            .build();

    private final WatchdogActivities watchdog = mock(WatchdogActivities.class, withSettings().withoutAnnotations());
    private final NotificationActivities sinks = mock(NotificationActivities.class, withSettings().withoutAnnotations());

    @Test
    void looksEveryPeriod_pagesEachStalledRunOnce_andAFailedLookIsNotTheEnd(TestWorkflowEnvironment env, Worker worker,
                                                                            WorkflowOptions options) {
        IncidentOpenedNotice stalled = new IncidentOpenedNotice("inc_1", "evt_1", false, 1L);
        when(watchdog.inspect(any()))
                .thenThrow(ApplicationFailure.newNonRetryableFailure("PostgreSQL is down", "Unavailable"))
                .thenReturn(new WatchReport(0, 0, List.of(stalled)))
                .thenReturn(new WatchReport(0, 0, List.of()));
        worker.registerActivitiesImplementations(watchdog, sinks);
        env.start();
        StallWatchdogWorkflow workflow = env.getWorkflowClient().newWorkflowStub(StallWatchdogWorkflow.class,
                options.toBuilder().setWorkflowId(StallWatchdogWorkflow.WORKFLOW_ID).build());
        WorkflowExecution execution = WorkflowClient.start(workflow::watch, INPUT);

        env.sleep(Duration.ofMinutes(5).plusSeconds(30));

        verify(watchdog, atLeast(5)).inspect(any());
        verify(sinks, times(1)).incidentOpened(stalled);
        assertThat(env.getWorkflowClient().newUntypedWorkflowStub(StallWatchdogWorkflow.WORKFLOW_ID).describe()
                .getWorkflowExecutionInfo().getStatus().name()).isEqualTo("WORKFLOW_EXECUTION_STATUS_RUNNING");

        env.sleep(Duration.ofMinutes(StallWatchdogWorkflowImpl.LOOKS_PER_RUN));
        var firstRun = env.getWorkflowExecutionHistory(execution).getEvents();
        assertThat(firstRun.get(firstRun.size() - 1).getEventType())
                .as("continued as new after " + StallWatchdogWorkflowImpl.LOOKS_PER_RUN + " looks")
                .isEqualTo(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW);
    }
}
