package io.accessproof.server.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.accessproof.server.runs.ProvingConfig;
import io.accessproof.store.events.PendingEvent;
import io.accessproof.workflows.model.OutcomeInput;
import io.accessproof.workflows.outcome.BillingOutcomeWorkflow;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.BatchRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/**
 * The outbox's hand-over when Temporal refuses the start because the run exists: an early receipt's
 * update-with-start can create the run between the test server's check and its start.
 */
class RunStarterTest {
    private static final PendingEvent EVENT = new PendingEvent("evt_1", "customer.subscription.created", null, false,
            Instant.ofEpochSecond(1_700_000_000L), Instant.now(), "subscription", "sub_1", "cus_1", "sub_1", 0, false, false,
            null);
    private static final WorkflowExecutionAlreadyStarted REFUSED = new WorkflowExecutionAlreadyStarted(
            WorkflowExecution.newBuilder().setWorkflowId("stripe-evt_1").build(), "BillingOutcomeWorkflow", null);

    private final WorkflowClient client = mock(WorkflowClient.class);
    private final BillingOutcomeWorkflow existing = mock(BillingOutcomeWorkflow.class);

    @BeforeEach
    void temporalRefusesTheStart() {
        when(client.newWorkflowStub(eq(BillingOutcomeWorkflow.class), any(WorkflowOptions.class)))
                .thenReturn(mock(BillingOutcomeWorkflow.class));
        when(client.newSignalWithStartRequest()).thenReturn(mock(BatchRequest.class));
        when(client.signalWithStart(any())).thenThrow(REFUSED);
        when(client.newWorkflowStub(BillingOutcomeWorkflow.class, "stripe-evt_1")).thenReturn(existing);
    }

    @Test
    void startRefusedWhileTheRunExists_theEventIsSignalledToThatRun() {
        new RunStarter(client, new ProvingConfig()::policyFor, event -> List.of()).startOnce(EVENT);

        ArgumentCaptor<OutcomeInput> delivered = ArgumentCaptor.forClass(OutcomeInput.class);
        verify(existing).eventArrived(delivered.capture());
        assertThat(delivered.getValue().event().type())
                .isEqualTo("customer.subscription.created");
    }

    @Test
    void startRefusedBecauseTheRunClosed_theRefusalStands() {
        doThrow(new WorkflowNotFoundException(WorkflowExecution.newBuilder().setWorkflowId("stripe-evt_1").build(),
                "BillingOutcomeWorkflow", null)).when(existing).eventArrived(any());

        assertThatThrownBy(() -> new RunStarter(client, new ProvingConfig()::policyFor, event -> List.of()).startOnce(EVENT))
                .isSameAs(REFUSED);
    }
}
