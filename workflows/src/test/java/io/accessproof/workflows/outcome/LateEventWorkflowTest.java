package io.accessproof.workflows.outcome;

import static io.accessproof.workflows.outcome.OutcomeFixtures.DEADLINE;
import static io.accessproof.workflows.outcome.OutcomeFixtures.grant;
import static io.accessproof.workflows.outcome.OutcomeFixtures.paid;
import static io.accessproof.workflows.outcome.OutcomeFixtures.policy;
import static io.accessproof.workflows.outcome.OutcomeFixtures.receipt;
import static io.accessproof.workflows.outcome.OutcomeFixtures.seen;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.when;

import io.accessproof.workflows.model.IncidentKind;
import io.accessproof.workflows.model.IncidentRequest;
import io.accessproof.workflows.model.IncidentResolution;
import io.accessproof.workflows.model.OutcomeInput;
import io.accessproof.workflows.model.ProbeKind;
import io.accessproof.workflows.model.Receipt;
import io.accessproof.workflows.model.RunState;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Late inputs count: a Stripe event that arrives after its run's receipt window (and its
 * event_never_delivered incident) is still proven, and the incident resolves or becomes the verdict's.
 */
class LateEventWorkflowTest {
    private static final Duration RECEIPT_WINDOW = policy(ProbeKind.HTTP).receiptWindow();

    @RegisterExtension
    static final TestWorkflowExtension testWorkflow = OutcomeFixtures.extension();

    private OutcomeHarness h;

    @BeforeEach
    void setUp(TestWorkflowEnvironment env, Worker worker, WorkflowOptions options) {
        h = new OutcomeHarness(env, worker, options);
        when(h.reconcile.reconcile(any())).thenReturn(grant("pro"));
    }

    @Test
    void eventArrivesAfterTheReceiptWindow_provenLateAndTheIncidentResolves() {
        when(h.entitlements.probe(any())).thenReturn(seen("pro", true));
        h.start();
        BillingOutcomeWorkflow run = receiptFirst("evt_late");

        h.env.sleep(RECEIPT_WINDOW.plusMinutes(5));
        assertThat(h.incidentsOpened()).extracting(IncidentRequest::kind)
                .containsExactly(IncidentKind.EVENT_NEVER_DELIVERED);
        run.eventArrived(paid("evt_late"));

        assertThat(h.result("evt_late")).isEqualTo(RunState.PROVEN_LATE);
        assertThat(h.resolutions()).extracting(IncidentResolution::how).containsExactly("proven_late");
    }

    @Test
    void lateEventAndTheAppIsWrong_theIncidentBecomesAnAccessIncidentAtTheDeadline() {
        when(h.entitlements.probe(any())).thenReturn(seen("free", true));
        h.start();
        BillingOutcomeWorkflow run = receiptFirst("evt_late_wrong");

        h.env.sleep(RECEIPT_WINDOW.plusMinutes(5));
        run.eventArrived(paid("evt_late_wrong"));
        h.env.sleep(DEADLINE.plusMinutes(1));

        assertThat(h.incidentsOpened()).extracting(IncidentRequest::kind)
                .containsExactly(IncidentKind.EVENT_NEVER_DELIVERED, IncidentKind.RECEIPT_CONTRADICTED);
        assertThat(h.resolutions()).extracting(IncidentResolution::how).containsExactly("reclassified");
    }

    @Test
    void eventNeverComes_runEndsInItsIncidentAtTheHorizon() {
        h.start();
        receiptFirst("evt_never");

        assertThat(h.result("evt_never")).isEqualTo(RunState.INCIDENT);
        assertThat(h.resolutions()).isEmpty();
    }

    private BillingOutcomeWorkflow receiptFirst(String eventId) {
        BillingOutcomeWorkflow early = h.stub(eventId);
        WorkflowClient.start(early::run, OutcomeInput.awaitingEvent(eventId, policy(ProbeKind.HTTP)));
        early.receipt(receipt("rcp_" + eventId, eventId, Receipt.PROCESSED, null));
        return early;
    }
}
