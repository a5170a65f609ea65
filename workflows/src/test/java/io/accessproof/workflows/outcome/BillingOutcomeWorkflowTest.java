package io.accessproof.workflows.outcome;

import static io.accessproof.workflows.outcome.OutcomeFixtures.DEADLINE;
import static io.accessproof.workflows.outcome.OutcomeFixtures.grant;
import static io.accessproof.workflows.outcome.OutcomeFixtures.input;
import static io.accessproof.workflows.outcome.OutcomeFixtures.none;
import static io.accessproof.workflows.outcome.OutcomeFixtures.paid;
import static io.accessproof.workflows.outcome.OutcomeFixtures.policy;
import static io.accessproof.workflows.outcome.OutcomeFixtures.receipt;
import static io.accessproof.workflows.outcome.OutcomeFixtures.revoke;
import static io.accessproof.workflows.outcome.OutcomeFixtures.seen;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.accessproof.workflows.FailureType;
import io.accessproof.workflows.SearchAttributes;
import io.accessproof.workflows.UpdateRejections;
import io.accessproof.workflows.WorkflowIds;
import io.accessproof.workflows.model.Evidence;
import io.accessproof.workflows.model.IncidentKind;
import io.accessproof.workflows.model.IncidentRequest;
import io.accessproof.workflows.model.IncidentResolution;
import io.accessproof.workflows.model.Observation;
import io.accessproof.workflows.model.OutcomeInput;
import io.accessproof.workflows.model.ProbeKind;
import io.accessproof.workflows.model.ProofSource;
import io.accessproof.workflows.model.ProvingPolicy;
import io.accessproof.workflows.model.Receipt;
import io.accessproof.workflows.model.ReceiptAnswer;
import io.accessproof.workflows.model.RunSnapshot;
import io.accessproof.workflows.model.RunState;
import io.accessproof.workflows.model.RunTransition;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.BatchRequest;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WithStartWorkflowOperation;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.client.WorkflowUpdateStage;
import io.temporal.common.SearchAttributeKey;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mockito.ArgumentCaptor;

class BillingOutcomeWorkflowTest {

    @RegisterExtension
    static final TestWorkflowExtension testWorkflow = OutcomeFixtures.extension();

    private OutcomeHarness h;

    @BeforeEach
    void setUp(TestWorkflowEnvironment env, Worker worker, WorkflowOptions options) {
        h = new OutcomeHarness(env, worker, options);
    }

    @Test
    void probeMatchesOnFirstCheck_runClosesProvenByProbe() {
        when(h.reconcile.reconcile(any())).thenReturn(grant("pro"));
        when(h.entitlements.probe(any())).thenReturn(seen("pro", true));
        h.start();

        assertThat(h.run(paid("evt_1"))).isEqualTo(RunState.PROVEN);

        List<RunTransition> timeline = h.transitions();
        assertThat(timeline).extracting(RunTransition::state)
                .containsExactly(RunState.ACCEPTED, RunState.PROVING, RunState.PROVEN);
        assertThat(timeline).extracting(RunTransition::step).containsExactly(1, 2, 3);
        assertThat(timeline.get(2).proofSource()).isEqualTo(ProofSource.PROBE);
        assertThat(timeline.get(2).observed()).isEqualTo(seen("pro", true));
        verify(h.entitlements, times(1)).probe(any());
        verify(h.incidents, never()).open(any());
    }

    @Test
    void provenRun_upsertsIdsAsSearchAttributes() {
        when(h.reconcile.reconcile(any())).thenReturn(grant("pro"));
        when(h.entitlements.probe(any())).thenReturn(seen("pro", true));
        h.start();

        h.run(paid("evt_sa"));

        var attributes = h.client.newUntypedWorkflowStub(WorkflowIds.forEvent("evt_sa")).describe()
                .getTypedSearchAttributes();
        Map<SearchAttributeKey<String>, String> expected = Map.of(
                SearchAttributes.STRIPE_EVENT_TYPE, "customer.subscription.created",
                SearchAttributes.STRIPE_CUSTOMER_ID, "cus_1",
                SearchAttributes.STRIPE_SUBSCRIPTION_ID, "sub_1",
                SearchAttributes.OUTCOME_STATE, "proven",
                SearchAttributes.EXPECTED_PLAN, "pro");
        expected.forEach((key, value) -> assertThat(attributes.get(key)).as(key.getName()).isEqualTo(value));
    }

    @Test
    void probeWrongThenRight_runClosesProvenAfterRechecks() {
        when(h.reconcile.reconcile(any())).thenReturn(grant("pro"));
        when(h.entitlements.probe(any()))
                .thenReturn(seen("free", true), unreachable(), seen("pro", true));
        h.start();

        assertThat(h.run(paid("evt_2"))).isEqualTo(RunState.PROVEN);

        verify(h.entitlements, times(3)).probe(any());
        verify(h.reconcile, times(1)).reconcile(any());
        assertThat(h.running("evt_2").snapshot().checks()).isEqualTo(3);
        List<RunTransition> timeline = h.transitions();
        long elapsed = timeline.get(timeline.size() - 1).atMillis() - timeline.get(0).atMillis();
        assertThat(elapsed).as("waited 1 s then 2 s").isBetween(3_000L, 10_000L);
    }

    @Test
    void deadlinePassesUnproven_exactlyOneIncidentWithFullEvidence() {
        when(h.reconcile.reconcile(any())).thenReturn(grant("pro"));
        when(h.entitlements.probe(any())).thenReturn(seen("free", true));
        h.start();

        assertThat(h.run(paid("evt_3"))).isEqualTo(RunState.INCIDENT);

        List<IncidentRequest> opened = h.incidentsOpened();
        assertThat(opened).hasSize(1);
        IncidentRequest incident = opened.get(0);
        assertThat(incident.kind()).isEqualTo(IncidentKind.ACCESS_NOT_GRANTED);
        assertThat(incident.title()).isEqualTo(
                "Customer access did not change after Stripe event customer.subscription.created (evt_3)");
        Evidence evidence = incident.evidence();
        assertThat(evidence).hasNoNullFieldsOrPropertiesExcept("stripeDetail", "expectedSeats", "observedSeats");
        assertThat(evidence).isEqualTo(new Evidence("evt_3", "customer.subscription.created", "cus_1", "sub_1",
                "pro", true, "free", true, seen("free", true).detail(), seen("free", true).observedAtMillis(),
                List.of(), "sha-app-1", "plan_mismatch", false, null));
        long start = h.transitions().get(0).atMillis();
        assertThat(incident.atMillis() - start).isGreaterThanOrEqualTo(DEADLINE.toMillis());
        verify(h.store, times(1)).newerRun(any());
        verify(h.incidents, never()).resolve(any());
        assertThat(h.lastTransition().state()).isEqualTo(RunState.INCIDENT);
        // 24 h of watching at a 10-minute cadence stays far below the point where continue-as-new is needed.
        var execution = WorkflowExecution.newBuilder().setWorkflowId(WorkflowIds.forEvent("evt_3")).build();
        assertThat(h.env.getWorkflowExecutionHistory(execution).getEvents()).hasSizeLessThan(2_500);
    }

    @Test
    void accessAppearsAfterIncident_runClosesProvenLateAndResolvesIncident() {
        AtomicReference<Observation> app = new AtomicReference<>(seen("free", true));
        when(h.reconcile.reconcile(any())).thenReturn(grant("pro"));
        when(h.entitlements.probe(any())).thenAnswer(call -> app.get());
        h.start();
        h.startAsync(paid("evt_4"));

        h.env.sleep(DEADLINE.plusMinutes(1));
        assertThat(h.running("evt_4").snapshot().state()).isEqualTo(RunState.INCIDENT);
        app.set(seen("pro", true));

        assertThat(h.result("evt_4")).isEqualTo(RunState.PROVEN_LATE);
        assertThat(h.incidentsOpened()).hasSize(1);
        ArgumentCaptor<IncidentResolution> resolution = ArgumentCaptor.forClass(IncidentResolution.class);
        verify(h.incidents).resolve(resolution.capture());
        assertThat(resolution.getValue().how()).isEqualTo("proven_late");
        assertThat(resolution.getValue().eventId()).isEqualTo("evt_4");
        assertThat(h.lastTransition().state()).isEqualTo(RunState.PROVEN_LATE);
        assertThat(h.lastTransition().proofSource()).isEqualTo(ProofSource.PROBE);
    }

    @Test
    void revocationApplied_runClosesProven() {
        when(h.reconcile.reconcile(any())).thenReturn(revoke());
        when(h.entitlements.probe(any())).thenReturn(seen(null, false));
        h.start();

        assertThat(h.run(input("evt_5", "customer.subscription.deleted", ProbeKind.SQL))).isEqualTo(RunState.PROVEN);
        verify(h.incidents, never()).open(any());
    }

    @Test
    void revocationNotApplied_incidentAccessNotRevoked() {
        when(h.reconcile.reconcile(any())).thenReturn(revoke());
        when(h.entitlements.probe(any())).thenReturn(seen("pro", true));
        h.start();

        assertThat(h.run(input("evt_6", "customer.subscription.deleted", ProbeKind.SQL)))
                .isEqualTo(RunState.INCIDENT);

        IncidentRequest incident = h.incidentsOpened().get(0);
        assertThat(incident.kind()).isEqualTo(IncidentKind.ACCESS_NOT_REVOKED);
        assertThat(incident.title()).isEqualTo(
                "Customer access was not removed after Stripe event customer.subscription.deleted (evt_6)");
        assertThat(incident.evidence().reasonCode()).isEqualTo("access_still_active");
        assertThat(incident.evidence().expectedAccess()).isFalse();
    }

    @Test
    void newerRunOfSameSubscription_olderRunClosesSupersededWithoutIncident() {
        when(h.reconcile.reconcile(any())).thenReturn(grant("pro"));
        when(h.entitlements.probe(any())).thenReturn(seen("team", true));
        when(h.store.newerRun(any())).thenReturn("evt_newer");
        h.start();

        assertThat(h.run(paid("evt_7"))).isEqualTo(RunState.SUPERSEDED);

        verify(h.incidents, never()).open(any());
        assertThat(h.lastTransition().note()).contains("evt_newer");
    }

    @Test
    void expectationNone_runClosesNotApplicableWithReason() {
        when(h.reconcile.reconcile(any())).thenReturn(none());
        h.start();

        assertThat(h.run(input("evt_8", "invoice.created", ProbeKind.HTTP))).isEqualTo(RunState.NOT_APPLICABLE);

        assertThat(h.lastTransition().note()).isEqualTo("invoice.created changes no access");
        verify(h.entitlements, never()).probe(any());
    }

    @Test
    void stripeFailsTwiceThenAnswers_reconcileRetriedAndRunProven() {
        when(h.reconcile.reconcile(any()))
                .thenThrow(ApplicationFailure.newFailure("Stripe answered 503", "StripeServerError"))
                .thenThrow(ApplicationFailure.newFailure("Stripe answered 429", "StripeRateLimited"))
                .thenReturn(grant("pro"));
        when(h.entitlements.probe(any())).thenReturn(seen("pro", true));
        h.start();

        assertThat(h.run(paid("evt_9"))).isEqualTo(RunState.PROVEN);
        verify(h.reconcile, times(3)).reconcile(any());
    }

    @Test
    void recheckSignal_wakesRunBeforeItsTimerAndReconcilesAgain() {
        ProvingPolicy slow = new ProvingPolicy(ProbeKind.HTTP, Duration.ofHours(4), Duration.ofHours(1), 2.0,
                Duration.ofHours(1), Duration.ofMinutes(10), Duration.ofHours(24), Duration.ofHours(1));
        when(h.reconcile.reconcile(any())).thenReturn(grant("pro"));
        when(h.entitlements.probe(any())).thenReturn(seen("free", true), seen("pro", true));
        h.start();
        h.startAsync(new OutcomeInput("evt_11", OutcomeFixtures.facts("customer.subscription.updated"), slow));

        h.env.sleep(Duration.ofMinutes(1));
        h.running("evt_11").recheck("ops@example.com");

        assertThat(h.result("evt_11")).isEqualTo(RunState.PROVEN);
        verify(h.reconcile, times(2)).reconcile(any());
        List<RunTransition> timeline = h.transitions();
        assertThat(timeline).extracting(RunTransition::note).contains("recheck requested by ops@example.com");
        long elapsed = timeline.get(timeline.size() - 1).atMillis() - timeline.get(0).atMillis();
        assertThat(elapsed).isLessThan(Duration.ofHours(1).toMillis());
    }

    @Test
    void receiptOnlyMode_processedReceiptProvesRun() {
        when(h.reconcile.reconcile(any())).thenReturn(grant("pro"));
        h.start();
        h.startAsync(input("evt_12", "checkout.session.completed", ProbeKind.RECEIPT));

        h.env.sleep(Duration.ofSeconds(5));
        h.running("evt_12").receipt(receipt("rcp_1", "evt_12", Receipt.PROCESSED, null));

        assertThat(h.result("evt_12")).isEqualTo(RunState.PROVEN);
        verify(h.entitlements, never()).probe(any());
        assertThat(h.lastTransition().proofSource()).isEqualTo(ProofSource.RECEIPT);
        assertThat(h.transitions()).extracting(RunTransition::note).contains("receipt rcp_1 processed (deploy sha-receipt-7)");
    }

    @Test
    void failedReceipt_opensReceiptFailedIncidentAtOnce() {
        when(h.reconcile.reconcile(any())).thenReturn(grant("pro"));
        when(h.entitlements.probe(any())).thenReturn(seen("free", true));
        h.start();
        h.startAsync(paid("evt_13"));

        h.env.sleep(Duration.ofSeconds(5));
        h.running("evt_13").receipt(receipt("rcp_2", "evt_13", Receipt.FAILED, "entitlement_write_failed"));

        assertThat(h.result("evt_13")).isEqualTo(RunState.INCIDENT);
        List<IncidentRequest> opened = h.incidentsOpened();
        assertThat(opened).hasSize(1);
        IncidentRequest incident = opened.get(0);
        assertThat(incident.kind()).isEqualTo(IncidentKind.RECEIPT_FAILED);
        assertThat(incident.title()).isEqualTo("App reported failure applying Stripe event "
                + "customer.subscription.created (evt_13): entitlement_write_failed");
        assertThat(incident.evidence().reasonCode()).isEqualTo("entitlement_write_failed");
        long start = h.transitions().get(0).atMillis();
        assertThat(incident.atMillis() - start).isLessThan(Duration.ofMinutes(1).toMillis());
    }

    @Test
    void processedReceiptButAccessMissing_incidentReceiptContradicted() {
        when(h.reconcile.reconcile(any())).thenReturn(grant("pro"));
        when(h.entitlements.probe(any())).thenReturn(seen(null, false));
        h.start();
        h.startAsync(paid("evt_14"));

        h.env.sleep(Duration.ofSeconds(5));
        h.running("evt_14").receipt(receipt("rcp_3", "evt_14", Receipt.PROCESSED, null));

        assertThat(h.result("evt_14")).isEqualTo(RunState.INCIDENT);
        IncidentRequest incident = h.incidentsOpened().get(0);
        assertThat(h.incidentsOpened()).hasSize(1);
        assertThat(incident.kind()).isEqualTo(IncidentKind.RECEIPT_CONTRADICTED);
        assertThat(incident.title()).isEqualTo("App reported success but customer access did not change after "
                + "Stripe event customer.subscription.created (evt_14)");
        assertThat(incident.evidence()).hasNoNullFieldsOrPropertiesExcept("observedPlan", "stripeDetail", "expectedSeats",
                "observedSeats");
        assertThat(incident.evidence().receipts()).extracting(Receipt::receiptId).containsExactly("rcp_3");
        assertThat(incident.evidence().deploySha()).isEqualTo("sha-receipt-7");
    }

    @Test
    void sameReceiptTwice_secondAnswerIsDuplicateAndChangesNothing() {
        when(h.reconcile.reconcile(any())).thenReturn(grant("pro"));
        when(h.entitlements.probe(any())).thenReturn(seen("free", true));
        h.start();
        h.startAsync(paid("evt_15"));
        Receipt receipt = receipt("rcp_4", "evt_15", Receipt.PROCESSED, null);

        ReceiptAnswer first = h.running("evt_15").submitReceipt(receipt);
        ReceiptAnswer second = h.running("evt_15").submitReceipt(receipt);

        assertThat(first.duplicate()).isFalse();
        assertThat(second.duplicate()).isTrue();
        assertThat(second.receiptId()).isEqualTo("rcp_4");
        assertThat(second.state()).isIn("accepted", "proving");
        assertThat(h.running("evt_15").snapshot().receipts()).hasSize(1);
    }

    @Test
    void receiptArrivesBeforeEvent_runClosesProvenByBoth() {
        when(h.reconcile.reconcile(any())).thenReturn(grant("pro"));
        when(h.entitlements.probe(any())).thenReturn(seen("pro", true));
        h.start();

        ReceiptAnswer answer = receiptFirst("evt_16", "rcp_5");
        assertThat(answer.duplicate()).isFalse();
        assertThat(answer.state()).isEqualTo("accepted");

        // The dispatcher's hand-over: signal-with-start, which a running workflow cannot swallow.
        BillingOutcomeWorkflow dispatcher = h.stub("evt_16");
        BatchRequest handOver = h.client.newSignalWithStartRequest();
        handOver.add(dispatcher::run, paid("evt_16"));
        handOver.add(dispatcher::eventArrived, paid("evt_16"));
        h.client.signalWithStart(handOver);

        assertThat(h.result("evt_16")).isEqualTo(RunState.PROVEN);
        assertThat(h.lastTransition().proofSource()).isEqualTo(ProofSource.BOTH);
        assertThat(h.transitions()).extracting(RunTransition::state).containsSubsequence(
                RunState.ACCEPTED, RunState.PROVING, RunState.PROVEN);
    }

    @Test
    void eventNeverArrivesWithinReceiptWindow_incidentEventNeverDelivered() {
        h.start();
        receiptFirst("evt_17", "rcp_6");

        assertThat(h.result("evt_17")).isEqualTo(RunState.INCIDENT);

        IncidentRequest incident = h.incidentsOpened().get(0);
        assertThat(incident.kind()).isEqualTo(IncidentKind.EVENT_NEVER_DELIVERED);
        assertThat(incident.title()).isEqualTo("Receipt for an event Stripe never delivered (evt_17)");
        assertThat(incident.evidence().receipts()).extracting(Receipt::receiptId).containsExactly("rcp_6");
        verify(h.reconcile, never()).reconcile(any());
    }

    @Test
    void receiptCreatedRunWhoseEventIsOfAnUntrackedType_closesNotApplicableWithoutIncident() {
        h.start();
        receiptFirst("evt_18", "rcp_7");

        h.running("evt_18").eventNotTracked("customer.created");

        assertThat(h.result("evt_18")).isEqualTo(RunState.NOT_APPLICABLE);
        assertThat(h.lastTransition().note()).isEqualTo(
                "its event arrived, and events of type customer.created start no run");
        verify(h.incidents, never()).open(any());
        verify(h.reconcile, never()).reconcile(any());
    }

    @Test
    void untrackedTypeSignalForARunThatHasItsEvent_changesNothing() {
        when(h.reconcile.reconcile(any())).thenReturn(grant("pro"));
        AtomicReference<Observation> app = new AtomicReference<>(seen("free", true));
        when(h.entitlements.probe(any())).thenAnswer(call -> app.get());
        h.start();
        h.startAsync(paid("evt_19"));

        h.running("evt_19").eventNotTracked("customer.created");
        app.set(seen("pro", true));

        assertThat(h.result("evt_19")).isEqualTo(RunState.PROVEN);
    }

    @Test
    void receiptNamingAnotherCustomer_rejectedByValidatorWithoutChangingRun() {
        when(h.reconcile.reconcile(any())).thenReturn(grant("pro"));
        when(h.entitlements.probe(any())).thenReturn(seen("free", true));
        h.start();
        h.startAsync(paid("evt_18"));
        Receipt other = new Receipt("rcp_7", "evt_18", Receipt.PROCESSED, null, null, Map.of(), "sha", "cus_other", 1L);

        assertThatThrownBy(() -> h.running("evt_18").submitReceipt(other))
                .isInstanceOf(WorkflowUpdateException.class)
                .satisfies(rejection -> assertThat(UpdateRejections.failureType(rejection))
                        .contains(FailureType.RECEIPT_CONTRADICTS_RUN))
                .rootCause().hasMessageContaining("names customer cus_other");
        RunSnapshot snapshot = h.running("evt_18").snapshot();
        assertThat(snapshot.receipts()).isEmpty();
        assertThat(snapshot.state()).isIn(RunState.ACCEPTED, RunState.PROVING);
    }

    private static Observation unreachable() {
        return new Observation(false, null, false, List.of(), null, 1L, "GET http://demo/access/cus_1 -> timeout");
    }

    /** A processed receipt that creates the run (update-with-start), as the app's early receipt does. */
    private ReceiptAnswer receiptFirst(String eventId, String receiptId) {
        BillingOutcomeWorkflow early = h.stub(eventId);
        return WorkflowClient.executeUpdateWithStart(early::submitReceipt,
                receipt(receiptId, eventId, Receipt.PROCESSED, null),
                UpdateOptions.<ReceiptAnswer>newBuilder().setWaitForStage(WorkflowUpdateStage.COMPLETED).build(),
                new WithStartWorkflowOperation<>(early::run, OutcomeInput.awaitingEvent(eventId, policy(ProbeKind.HTTP))));
    }
}
