package io.accessproof.workflows.outcome;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.atLeast;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import io.accessproof.workflows.TaskQueues;
import io.accessproof.workflows.WorkflowIds;
import io.accessproof.workflows.model.Expectation;
import io.accessproof.workflows.model.IncidentRequest;
import io.accessproof.workflows.model.IncidentResolution;
import io.accessproof.workflows.model.OutcomeInput;
import io.accessproof.workflows.model.RunState;
import io.accessproof.workflows.model.RunTransition;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.List;
import org.mockito.ArgumentCaptor;

/** The activity dependencies as mocks, registered on the extension's worker, and stubs by event id. */
final class OutcomeHarness {
    final ReconcileActivities reconcile = mock(ReconcileActivities.class, withSettings().withoutAnnotations());
    final EntitlementActivities entitlements = mock(EntitlementActivities.class, withSettings().withoutAnnotations());
    final IncidentActivities incidents = mock(IncidentActivities.class, withSettings().withoutAnnotations());
    final RunStoreActivities store = mock(RunStoreActivities.class, withSettings().withoutAnnotations());
    final NotificationActivities notifications =
            mock(NotificationActivities.class, withSettings().withoutAnnotations());
    final OperatorActivities operator = mock(OperatorActivities.class, withSettings().withoutAnnotations());

    final TestWorkflowEnvironment env;
    final WorkflowClient client;
    private final Worker worker;
    private final WorkflowOptions options;

    OutcomeHarness(TestWorkflowEnvironment env, Worker worker, WorkflowOptions options) {
        this.env = env;
        this.client = env.getWorkflowClient();
        this.worker = worker;
        this.options = options;
        when(incidents.open(any())).thenReturn("inc-1");
    }

    /** Reconcile fails with {@code failure} until {@code after} of test time has passed, then answers {@code then}. */
    void stripeFailsFor(Duration after, RuntimeException failure, Expectation then) {
        long backAt = env.currentTimeMillis() + after.toMillis();
        when(reconcile.reconcile(any())).thenAnswer(call -> {
            if (env.currentTimeMillis() < backAt) {
                throw failure;
            }
            return then;
        });
    }

    OutcomeHarness start() {
        worker.registerActivitiesImplementations(entitlements, incidents, store, notifications, operator);
        env.newWorker(TaskQueues.STRIPE).registerActivitiesImplementations(reconcile);
        env.start();
        return this;
    }

    BillingOutcomeWorkflow stub(String eventId) {
        return client.newWorkflowStub(BillingOutcomeWorkflow.class, options.toBuilder()
                .setWorkflowId(WorkflowIds.forEvent(eventId))
                .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
                .build());
    }

    RunState run(OutcomeInput input) {
        return stub(input.eventId()).run(input);
    }

    WorkflowExecution startAsync(OutcomeInput input) {
        return WorkflowClient.start(stub(input.eventId())::run, input);
    }

    /** A stub of the running workflow, for signals, updates and queries. */
    BillingOutcomeWorkflow running(String eventId) {
        return client.newWorkflowStub(BillingOutcomeWorkflow.class, WorkflowIds.forEvent(eventId));
    }

    RunState result(String eventId) {
        return client.newUntypedWorkflowStub(WorkflowIds.forEvent(eventId)).getResult(RunState.class);
    }

    List<RunTransition> transitions() {
        ArgumentCaptor<RunTransition> captor = ArgumentCaptor.forClass(RunTransition.class);
        verify(store, atLeast(1)).record(captor.capture());
        return captor.getAllValues();
    }

    RunTransition lastTransition() {
        List<RunTransition> all = transitions();
        return all.get(all.size() - 1);
    }

    List<IncidentResolution> resolutions() {
        ArgumentCaptor<IncidentResolution> captor = ArgumentCaptor.forClass(IncidentResolution.class);
        verify(incidents, atLeast(0)).resolve(captor.capture());
        return captor.getAllValues();
    }

    List<IncidentRequest> incidentsOpened() {
        ArgumentCaptor<IncidentRequest> captor = ArgumentCaptor.forClass(IncidentRequest.class);
        verify(incidents, atLeast(0)).open(captor.capture());
        return captor.getAllValues();
    }
}
