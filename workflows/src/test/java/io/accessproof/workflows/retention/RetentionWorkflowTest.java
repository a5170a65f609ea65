package io.accessproof.workflows.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import io.accessproof.workflows.PayloadConverters;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The purge job drains a backlog pass after pass without waiting, then purges once a period; a failed
 * pass is tried again next period; its history stays short.
 */
class RetentionWorkflowTest {
    private static final RetentionInput INPUT = new RetentionInput(Duration.ofHours(1), Duration.ofDays(30),
            Duration.ofDays(90), Duration.ofDays(400), 1000, false);
    private static final PurgeReport MORE = new PurgeReport(0, 1000, 0, 0, 0, 0, true);
    private static final PurgeReport DONE = new PurgeReport(0, 10, 0, 0, 0, 0, false);

    @RegisterExtension
    static final TestWorkflowExtension testWorkflow = TestWorkflowExtension.newBuilder()
            .registerWorkflowImplementationTypes(RetentionWorkflowImpl.class)
            .setWorkflowClientOptions(WorkflowClientOptions.newBuilder()
                    .setDataConverter(PayloadConverters.dataConverter()).build())
            .setDoNotStart(true)
            .build();

    private final RetentionActivities tables = mock(RetentionActivities.class, withSettings().withoutAnnotations());

    @Test
    void drainsABacklogAtOnce_thenPurgesOncePerPeriod_andAFailedPassIsNotTheEnd(TestWorkflowEnvironment env,
                                                                                 Worker worker, WorkflowOptions options) {
        when(tables.purge(any()))
                .thenReturn(MORE, MORE, DONE)
                .thenThrow(ApplicationFailure.newNonRetryableFailure("PostgreSQL is down", "Unavailable"))
                .thenReturn(DONE);
        worker.registerActivitiesImplementations(tables);
        env.start();
        WorkflowExecution execution = WorkflowClient.start(env.getWorkflowClient().newWorkflowStub(
                RetentionWorkflow.class, options.toBuilder().setWorkflowId(RetentionWorkflow.WORKFLOW_ID).build())::keep,
                INPUT);

        env.sleep(Duration.ofMinutes(59));
        verify(tables, times(3)).purge(INPUT);

        env.sleep(Duration.ofHours(2));
        verify(tables, times(5)).purge(INPUT);
        assertThat(env.getWorkflowClient().newUntypedWorkflowStub(RetentionWorkflow.WORKFLOW_ID).describe()
                .getWorkflowExecutionInfo().getStatus().name()).isEqualTo("WORKFLOW_EXECUTION_STATUS_RUNNING");

        env.sleep(Duration.ofHours(RetentionWorkflowImpl.PASSES_PER_RUN));
        var firstRun = env.getWorkflowExecutionHistory(execution).getEvents();
        assertThat(firstRun.get(firstRun.size() - 1).getEventType())
                .as("continued as new after " + RetentionWorkflowImpl.PASSES_PER_RUN + " passes")
                .isEqualTo(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW);
    }
}
