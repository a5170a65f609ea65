package io.accessproof.workflows.outcome;

import static io.accessproof.workflows.outcome.OutcomeFixtures.DEADLINE;
import static io.accessproof.workflows.outcome.OutcomeFixtures.facts;
import static io.accessproof.workflows.outcome.OutcomeFixtures.grant;
import static io.accessproof.workflows.outcome.OutcomeFixtures.paid;
import static io.accessproof.workflows.outcome.OutcomeFixtures.seen;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.when;

import io.accessproof.workflows.FailureType;
import io.accessproof.workflows.model.IncidentKind;
import io.accessproof.workflows.model.IncidentRequest;
import io.accessproof.workflows.model.OutcomeInput;
import io.accessproof.workflows.model.ProbeKind;
import io.accessproof.workflows.model.ProvingPolicy;
import io.accessproof.workflows.model.RunState;
import io.accessproof.workflows.model.RunTransition;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Waiting for accessproof's own Stripe budget is queueing, not an outage: the deadline moves, nobody is paged. */
class OwnBudgetWorkflowTest {

    @RegisterExtension
    static final TestWorkflowExtension testWorkflow = OutcomeFixtures.extension();

    private OutcomeHarness h;

    @BeforeEach
    void setUp(TestWorkflowEnvironment env, Worker worker, WorkflowOptions options) {
        h = new OutcomeHarness(env, worker, options);
    }

    @Test
    void readsQueuedPastTheDeadline_deadlineExtended_provenWithoutAnIncident() {
        h.stripeFailsFor(DEADLINE.plusMinutes(5), budgetBusy(), grant("pro"));
        when(h.entitlements.probe(any())).thenReturn(seen("pro", true));
        h.start();

        assertThat(h.run(paid("evt_budget"))).isEqualTo(RunState.PROVEN);

        assertThat(h.incidentsOpened()).isEmpty();
        assertThat(h.transitions()).extracting(RunTransition::note)
                .contains("deadline extended: its Stripe reads waited for accessproof's own budget, which is no outage");
    }

    @Test
    void budgetNeverFreesBeforeTheHorizon_cannotVerifyIncidentNamingTheBudget() {
        ProvingPolicy shortHorizon = new ProvingPolicy(ProbeKind.HTTP, DEADLINE, Duration.ofSeconds(1), 2.0,
                Duration.ofSeconds(30), Duration.ofMinutes(10), Duration.ofMinutes(30), Duration.ofHours(1));
        // Never: a bound in test-server time could be skipped past while the run waits between retries.
        when(h.reconcile.reconcile(any())).thenThrow(budgetBusy());
        h.start();

        assertThat(h.run(new OutcomeInput("evt_budget_out", facts("customer.subscription.created"), shortHorizon)))
                .isEqualTo(RunState.INCIDENT);

        assertThat(h.incidentsOpened()).extracting(IncidentRequest::kind).containsExactly(IncidentKind.STRIPE_UNAVAILABLE);
        assertThat(h.incidentsOpened().get(0).evidence().reasonCode()).isEqualTo("stripe_budget_wait");
        long opened = h.incidentsOpened().get(0).atMillis() - h.transitions().get(0).atMillis();
        assertThat(opened).as("at the horizon, not the first deadline").isGreaterThanOrEqualTo(Duration.ofMinutes(30).toMillis());
    }

    private static ApplicationFailure budgetBusy() {
        return ApplicationFailure.newFailure("Stripe rate limit (bucket stripe-api): no permit within 5000 ms",
                FailureType.STRIPE_RATE_LIMITED.name());
    }
}
