package io.accessproof.workflows.outcome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import io.accessproof.workflows.PayloadConverters;
import io.accessproof.workflows.model.IncidentResolvedNotice;
import io.accessproof.workflows.model.OperatorAnswer;
import io.accessproof.workflows.model.OperatorAnswer.Result;
import io.accessproof.workflows.model.OperatorRequest;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WithStartWorkflowOperation;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateStage;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mockito.ArgumentCaptor;

/** An operator's action on a closed run: answered once written, the sinks told after, with Temporal's retries. */
class OperatorActionWorkflowTest {
    @RegisterExtension
    static final TestWorkflowExtension testWorkflow = TestWorkflowExtension.newBuilder()
            .registerWorkflowImplementationTypes(OperatorActionWorkflowImpl.class)
            .setWorkflowClientOptions(WorkflowClientOptions.newBuilder()
                    .setDataConverter(PayloadConverters.dataConverter()).build())
            .setDoNotStart(true)
            .build();

    private final OperatorActivities store = mock(OperatorActivities.class, withSettings().withoutAnnotations());
    private final NotificationActivities sinks = mock(NotificationActivities.class, withSettings().withoutAnnotations());

    @Test
    void terminateOfAClosedRun_answersWhatWasWritten_thenTellsTheSinksEvenAfterAFailedAttempt(
            TestWorkflowEnvironment env, Worker worker, WorkflowOptions options) {
        when(store.apply(any())).thenReturn(new OperatorAnswer(Result.DONE, "terminated", "inc_9", true));
        doThrow(ApplicationFailure.newFailure("PagerDuty answered 503", "SinkUnavailable")).doNothing()
                .when(sinks).incidentResolved(any());
        worker.registerActivitiesImplementations(store, sinks);
        env.start();
        OperatorActionWorkflow action = env.getWorkflowClient().newWorkflowStub(OperatorActionWorkflow.class,
                options.toBuilder().setWorkflowId("operator-terminate-1")
                        .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_FAIL)
                        .build());

        OperatorAnswer answer = WorkflowClient.executeUpdateWithStart(action::answer,
                UpdateOptions.<OperatorAnswer>newBuilder().setWaitForStage(WorkflowUpdateStage.COMPLETED).build(),
                new WithStartWorkflowOperation<>(action::act,
                        OperatorRequest.terminate("evt_9", "customer refunded", "ops@example.com")));

        assertThat(answer.result()).isEqualTo(Result.DONE);
        assertThat(WorkflowStub.fromTyped(action).getResult(OperatorAnswer.class)).isEqualTo(answer);
        ArgumentCaptor<IncidentResolvedNotice> told = ArgumentCaptor.forClass(IncidentResolvedNotice.class);
        verify(sinks, times(2)).incidentResolved(told.capture());
        assertThat(told.getValue().incidentId()).isEqualTo("inc_9");
        assertThat(told.getValue().how()).isEqualTo("terminated");
        assertThat(told.getValue().note()).isEqualTo("customer refunded");
        assertThat(told.getValue().livemode()).isTrue();
    }
}
