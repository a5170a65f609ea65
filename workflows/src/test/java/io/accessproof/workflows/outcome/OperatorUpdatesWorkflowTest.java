package io.accessproof.workflows.outcome;

import static io.accessproof.workflows.outcome.OutcomeFixtures.DEADLINE;
import static io.accessproof.workflows.outcome.OutcomeFixtures.grant;
import static io.accessproof.workflows.outcome.OutcomeFixtures.paid;
import static io.accessproof.workflows.outcome.OutcomeFixtures.policy;
import static io.accessproof.workflows.outcome.OutcomeFixtures.seen;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.accessproof.workflows.model.IncidentResolvedNotice;
import io.accessproof.workflows.model.OperatorAnswer;
import io.accessproof.workflows.model.OperatorAnswer.Result;
import io.accessproof.workflows.model.OperatorRequest;
import io.accessproof.workflows.model.OutcomeInput;
import io.accessproof.workflows.model.ProbeKind;
import io.accessproof.workflows.model.RunState;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mockito.ArgumentCaptor;

/** An operator's terminate, acknowledge and resolve of an open run: the run writes them and follows. */
class OperatorUpdatesWorkflowTest {
    @RegisterExtension
    static final TestWorkflowExtension testWorkflow = OutcomeFixtures.extension();

    private OutcomeHarness h;

    @BeforeEach
    void setUp(TestWorkflowEnvironment env, Worker worker, WorkflowOptions options) {
        h = new OutcomeHarness(env, worker, options);
        when(h.reconcile.reconcile(any())).thenReturn(grant("pro"));
        when(h.entitlements.probe(any())).thenReturn(seen("free", true));
    }

    @Test
    void terminateOfARunInIncident_closesItTerminatedAndTellsTheSinksAfterTheOpening() {
        when(h.operator.apply(any())).thenReturn(new OperatorAnswer(Result.DONE, "terminated", "inc-1", false));
        h.start();
        h.startAsync(paid("evt_term"));
        h.env.sleep(DEADLINE.plusMinutes(1));

        OperatorAnswer answer = h.running("evt_term").operate(
                OperatorRequest.terminate("evt_term", "bad deploy rolled back", "ops@example.com"));

        assertThat(answer.result()).isEqualTo(Result.DONE);
        assertThat(h.result("evt_term")).isEqualTo(RunState.TERMINATED);
        assertThat(h.running("evt_term").snapshot().state()).isEqualTo(RunState.TERMINATED);
        ArgumentCaptor<IncidentResolvedNotice> told = ArgumentCaptor.forClass(IncidentResolvedNotice.class);
        verify(h.notifications).incidentResolved(told.capture());
        assertThat(told.getValue().how()).isEqualTo("terminated");
        assertThat(told.getValue().note()).isEqualTo("bad deploy rolled back");
        verify(h.notifications).incidentOpened(any());
        assertThat(h.lastTransition().state()).isEqualTo(RunState.INCIDENT); // the operator's activity wrote the rest
    }

    @Test
    void terminateWhileTheRunWaitsForStripe_answersAtOnceAndTheLateReadChangesNothing() {
        when(h.operator.apply(any())).thenReturn(new OperatorAnswer(Result.DONE, "terminated", null, false));
        h.stripeFailsFor(Duration.ofMinutes(5), ApplicationFailure.newFailure("Stripe answered 503", "StripeServerError"),
                grant("pro"));
        when(h.entitlements.probe(any())).thenReturn(seen("pro", true));
        h.start();
        h.startAsync(paid("evt_busy"));
        h.env.sleep(Duration.ofMinutes(1));

        OperatorAnswer answer = h.running("evt_busy").operate(
                OperatorRequest.terminate("evt_busy", "duplicate of evt_other", "ops@example.com"));

        assertThat(answer.result()).isEqualTo(Result.DONE);
        assertThat(h.result("evt_busy")).isEqualTo(RunState.TERMINATED);
        assertThat(h.transitions()).noneMatch(t -> t.state() == RunState.PROVEN);
        verify(h.entitlements, never()).probe(any());
    }

    @Test
    void terminateOfARunWaitingForItsEvent_opensNoNeverDeliveredIncident() {
        when(h.operator.apply(any())).thenReturn(new OperatorAnswer(Result.DONE, "terminated", null, null));
        h.start();
        WorkflowClient.start(h.stub("evt_wait")::run, OutcomeInput.awaitingEvent("evt_wait", policy(ProbeKind.HTTP)));

        h.running("evt_wait").operate(OperatorRequest.terminate("evt_wait", "test receipt", "ops@example.com"));

        assertThat(h.result("evt_wait")).isEqualTo(RunState.TERMINATED);
        assertThat(h.incidentsOpened()).isEmpty();
    }

    @Test
    void acknowledgeAndResolve_areWrittenWhileTheRunKeepsWatching() {
        when(h.operator.apply(any())).thenReturn(new OperatorAnswer(Result.DONE, null, null, null),
                new OperatorAnswer(Result.DONE, null, "inc-1", null));
        h.start();
        h.startAsync(paid("evt_ack"));
        h.env.sleep(DEADLINE.plusMinutes(1));
        BillingOutcomeWorkflow run = h.running("evt_ack");

        run.operate(OperatorRequest.acknowledge("inc-1", "evt_ack", "ops@example.com"));
        run.operate(OperatorRequest.resolve("inc-1", "evt_ack", "false_alarm", "the app was right", "ops@example.com"));

        verify(h.operator, timeout(5_000).times(2)).apply(any());
        verify(h.notifications, timeout(5_000)).incidentResolved(any());
        assertThat(run.snapshot().state()).isEqualTo(RunState.INCIDENT);
        assertThat(run.operate(OperatorRequest.terminate("evt_ack", "done watching", "ops@example.com")).result())
                .isEqualTo(Result.DONE);
        assertThat(h.result("evt_ack")).isEqualTo(RunState.TERMINATED);
    }
}
