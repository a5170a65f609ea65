package io.accessproof.workflows.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import io.accessproof.workflows.PayloadConverters;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A bulk job acts on its runs a second's worth at a time, from its stored checkpoint, and keeps its history short. */
class BulkJobWorkflowTest {
    @RegisterExtension
    static final TestWorkflowExtension testWorkflow = TestWorkflowExtension.newBuilder()
            .registerWorkflowImplementationTypes(BulkJobWorkflowImpl.class)
            .setWorkflowClientOptions(WorkflowClientOptions.newBuilder()
                    .setDataConverter(PayloadConverters.dataConverter()).build())
            .setDoNotStart(true)
            .build();

    private final BulkActivities activities = mock(BulkActivities.class, withSettings().withoutAnnotations());

    @Test
    void actsARateWorthPerSecond_untilTheCheckpointReachesTheEnd(TestWorkflowEnvironment env, Worker worker,
                                                                 WorkflowOptions options) {
        BulkJob job = job(12, 5);
        AtomicInteger position = new AtomicInteger(2); // resumed: two runs were acted on before
        when(activities.begin(any())).thenReturn(new BulkProgress("job_1", 12, 2, 0, false));
        when(activities.step(eq("job_1"), anyInt())).thenAnswer(call -> {
            int done = Math.min(12, position.get() + (int) call.getArgument(1));
            position.set(done);
            return new BulkProgress("job_1", 12, done, 0, done == 12);
        });
        worker.registerActivitiesImplementations(activities);
        env.start();
        long startedAt = env.currentTimeMillis();

        BulkJobWorkflow workflow = env.getWorkflowClient().newWorkflowStub(BulkJobWorkflow.class, options);
        workflow.run(job);

        verify(activities, times(2)).step("job_1", 5); // 2 → 7 → 12, a pause between
        assertThat(env.currentTimeMillis() - startedAt).isGreaterThanOrEqualTo(1_000);
    }

    @Test
    void aLongJobStartsAFreshHistory_andFinishesFromTheCheckpoint(TestWorkflowEnvironment env, Worker worker,
                                                                 WorkflowOptions options) {
        int runs = BulkJobWorkflowImpl.STEPS_PER_HISTORY + 10;
        AtomicInteger position = new AtomicInteger();
        when(activities.begin(any())).thenAnswer(call -> new BulkProgress("job_1", runs, position.get(), 0, false));
        when(activities.step(eq("job_1"), anyInt())).thenAnswer(call -> {
            int done = position.incrementAndGet();
            return new BulkProgress("job_1", runs, done, 0, done == runs);
        });
        worker.registerActivitiesImplementations(activities);
        env.start();

        BulkJobWorkflow workflow = env.getWorkflowClient().newWorkflowStub(BulkJobWorkflow.class, options);
        workflow.run(job(runs, 1));

        assertThat(position.get()).isEqualTo(runs);
        verify(activities, times(2)).begin(any());
        verify(activities, times(runs)).step("job_1", 1);
    }

    private static BulkJob job(int runs, double perSecond) {
        return new BulkJob("job_1", "terminate", "ops", "bad deploy", "{}",
                IntStream.range(0, runs).mapToObj(i -> "evt_" + i).toList(), perSecond);
    }
}
