package io.accessproof.server.operators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.accessproof.workflows.model.OperatorRequest;
import io.accessproof.workflows.outcome.BillingOutcomeWorkflow;
import io.temporal.client.WorkflowClient;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** A run that does not take an operator's acknowledge in time: the operator gets a 503 saying so, not a hang. */
class OperatorActionsTest {

    @Test
    void aRunThatDoesNotAnswer_isUnavailableAfterTheTimeout_andTheApiSays503() {
        CountDownLatch never = new CountDownLatch(1);
        BillingOutcomeWorkflow stuck = mock(BillingOutcomeWorkflow.class);
        when(stuck.operate(any())).thenAnswer(call -> {
            never.await();
            return null;
        });
        WorkflowClient client = mock(WorkflowClient.class);
        when(client.newWorkflowStub(eq(BillingOutcomeWorkflow.class), eq("stripe-evt_1"))).thenReturn(stuck);
        OperatorActions actions = new OperatorActions(client, Duration.ofMillis(200));

        assertThatThrownBy(() -> actions.onRun(OperatorRequest.acknowledge("inc_1", "evt_1", "ops")))
                .isInstanceOfSatisfying(OperatorUnavailable.class, e -> {
                    Response answer = new OperatorUnavailableMapper().toResponse(e);
                    assertThat(answer.getStatus()).isEqualTo(503);
                    assertThat(e.getMessage()).contains("did not answer within").contains("retry later");
                });
        never.countDown();
    }
}
