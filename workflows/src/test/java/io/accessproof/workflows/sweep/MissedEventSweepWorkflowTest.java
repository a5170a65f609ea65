package io.accessproof.workflows.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import io.accessproof.workflows.PayloadConverters;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The periodic sweep passes once a period from its cursor and outlives a failed pass; one by hand is one pass. */
class MissedEventSweepWorkflowTest {
    private static final List<String> TYPES = List.of("invoice.paid");

    @RegisterExtension
    static final TestWorkflowExtension testWorkflow = TestWorkflowExtension.newBuilder()
            .registerWorkflowImplementationTypes(MissedEventSweepWorkflowImpl.class)
            .setWorkflowClientOptions(WorkflowClientOptions.newBuilder()
                    .setDataConverter(PayloadConverters.dataConverter()).build())
            .setDoNotStart(true)
            .build();

    private final SweepActivities stripe = mock(SweepActivities.class, withSettings().withoutAnnotations());

    @Test
    void periodic_passesEveryPeriodFromItsCursor_andAFailedPassIsNotTheEnd(TestWorkflowEnvironment env, Worker worker,
                                                                          WorkflowOptions options) {
        when(stripe.sweep(any()))
                .thenThrow(ApplicationFailure.newNonRetryableFailure("Stripe is down", "StripeUnavailable"))
                .thenReturn(new SweepReport("periodic", 0, 1, 1, 3, 3, 0));
        worker.registerActivitiesImplementations(stripe);
        env.start();
        WorkflowClient.start(env.getWorkflowClient().newWorkflowStub(MissedEventSweepWorkflow.class,
                options.toBuilder().setWorkflowId(MissedEventSweepWorkflow.WORKFLOW_ID).build())::sweep,
                input(null, null));

        env.sleep(Duration.ofMinutes(14));

        verify(stripe, times(3)).sweep(argThat(r -> r.advanceCursor() && r.sinceEpoch() == null
                && r.sweepId().startsWith("periodic-")));
    }

    @Test
    void byHand_onePassFromItsDate_reportIsTheResult(TestWorkflowEnvironment env, Worker worker,
                                                     WorkflowOptions options) {
        SweepReport found = new SweepReport("swp_1", 1_700_000_000L, 1_700_086_400L, 2, 150, 149, 1);
        when(stripe.sweep(any())).thenReturn(found);
        worker.registerActivitiesImplementations(stripe);
        env.start();

        SweepReport report = env.getWorkflowClient().newWorkflowStub(MissedEventSweepWorkflow.class,
                options.toBuilder().setWorkflowId(MissedEventSweepWorkflow.idOf("swp_1")).build())
                .sweep(input("swp_1", 1_700_000_000L));

        assertThat(report).isEqualTo(found);
        verify(stripe).sweep(argThat(r -> !r.advanceCursor() && r.sinceEpoch() == 1_700_000_000L
                && "swp_1".equals(r.sweepId())));
    }

    private static SweepInput input(String sweepId, Long since) {
        return new SweepInput(Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofDays(3), Duration.ofMinutes(1),
                TYPES, sweepId, since);
    }
}
