package io.accessproof.workflows.outcome;

import static io.accessproof.workflows.outcome.OutcomeFixtures.DEADLINE;
import static io.accessproof.workflows.outcome.OutcomeFixtures.grant;
import static io.accessproof.workflows.outcome.OutcomeFixtures.input;
import static io.accessproof.workflows.outcome.OutcomeFixtures.none;
import static io.accessproof.workflows.outcome.OutcomeFixtures.paid;
import static io.accessproof.workflows.outcome.OutcomeFixtures.policy;
import static io.accessproof.workflows.outcome.OutcomeFixtures.receipt;
import static io.accessproof.workflows.outcome.OutcomeFixtures.seen;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.when;

import io.accessproof.workflows.FailureType;
import io.accessproof.workflows.model.Observation;
import io.accessproof.workflows.model.OperatorAnswer;
import io.accessproof.workflows.model.OperatorRequest;
import io.accessproof.workflows.model.OutcomeInput;
import io.accessproof.workflows.model.ProbeKind;
import io.accessproof.workflows.model.Receipt;
import io.accessproof.workflows.model.ReceiptAnswer;
import io.accessproof.workflows.model.RunState;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.BatchRequest;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WithStartWorkflowOperation;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowUpdateStage;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Writes the histories that {@link BillingOutcomeWorkflowReplayTest} replays. Run on purpose only, one method
 * at a time, when a deliberate (versioned) change needs a fresh history; never re-record an old file, it is the
 * proof that runs started before a change still replay:
 * {@code ./mvnw -o -q -pl workflows test -Dtest='HistoryRecorderTest#superseded' -Daccessproof.recordHistories=true}.
 */
@EnabledIfSystemProperty(named = "accessproof.recordHistories", matches = "true")
class HistoryRecorderTest {
    static final Path DIR = Path.of("src/test/resources/histories");

    @RegisterExtension
    static final TestWorkflowExtension testWorkflow = OutcomeFixtures.extension();

    private OutcomeHarness h;

    @BeforeEach
    void setUp(TestWorkflowEnvironment env, Worker worker, WorkflowOptions options) {
        h = new OutcomeHarness(env, worker, options);
        when(h.reconcile.reconcile(any())).thenReturn(grant("pro"));
    }

    @Test
    void proven() throws IOException {
        recordProven("evt_hist_proven", "proven.json");
    }

    /** Since "reconcile-on-stripe-queue" v1; proven.json holds the same run from before it. */
    @Test
    void provenWithReconcileOnTheStripeQueue() throws IOException {
        recordProven("evt_hist_stripe_queue", "proven-reconcile-on-stripe-queue.json");
    }

    /** Since "local-store-and-probe" v1; proven-reconcile-on-stripe-queue.json holds the same run from before it. */
    @Test
    void provenWithLocalStoreAndProbe() throws IOException {
        recordProven("evt_hist_local", "proven-local-store-and-probe.json");
    }

    /** Since "notify-incidents" v1; incident-proven-late.json holds the same run from before it. */
    @Test
    void incidentNotifiedThenProvenLate() throws IOException {
        recordIncidentThenProvenLate("evt_hist_late", "incident-notified-proven-late.json");
    }

    /** Since "local-store-and-probe" v1; incident-notified-proven-late.json holds the same run from before it. */
    @Test
    void incidentProvenLateWithLocalStoreAndProbe() throws IOException {
        recordIncidentThenProvenLate("evt_hist_local_late", "incident-proven-late-local-store-and-probe.json");
    }

    /** The app shows the old plan at the first probe and the new one at the second. */
    private void recordProven(String eventId, String file) throws IOException {
        when(h.entitlements.probe(any())).thenReturn(seen("free", true), seen("pro", true));
        h.start();
        WorkflowExecution run = h.startAsync(paid(eventId));
        assertThat(h.result(eventId)).isEqualTo(RunState.PROVEN);
        write(run, file);
    }

    /** The deadline passes unproven, an operator asks for a recheck, then the app shows the plan. */
    private void recordIncidentThenProvenLate(String eventId, String file) throws IOException {
        AtomicReference<Observation> app = new AtomicReference<>(seen("free", true));
        when(h.entitlements.probe(any())).thenAnswer(call -> app.get());
        h.start();
        WorkflowExecution run = h.startAsync(paid(eventId));
        h.env.sleep(DEADLINE.plusMinutes(1));
        h.running(eventId).recheck("ops@example.com");
        h.env.sleep(Duration.ofMinutes(1));
        app.set(seen("pro", true));
        assertThat(h.result(eventId)).isEqualTo(RunState.PROVEN_LATE);
        write(run, file);
    }

    @Test
    void receiptOnly() throws IOException {
        h.start();
        WorkflowExecution run = h.startAsync(input("evt_hist_receipt", "checkout.session.completed", ProbeKind.RECEIPT));
        h.env.sleep(Duration.ofSeconds(3));
        h.running("evt_hist_receipt").receipt(receipt("rcp_h1", "evt_hist_receipt", Receipt.PROCESSED, null));
        assertThat(h.result("evt_hist_receipt")).isEqualTo(RunState.PROVEN);
        write(run, "receipt-only.json");
    }

    @Test
    void receiptBeforeEvent() throws IOException {
        when(h.entitlements.probe(any())).thenReturn(seen("pro", true));
        h.start();
        BillingOutcomeWorkflow early = h.stub("evt_hist_early");
        WorkflowClient.executeUpdateWithStart(early::submitReceipt,
                receipt("rcp_h2", "evt_hist_early", Receipt.PROCESSED, null),
                UpdateOptions.<ReceiptAnswer>newBuilder().setWaitForStage(WorkflowUpdateStage.COMPLETED).build(),
                new WithStartWorkflowOperation<>(early::run,
                        OutcomeInput.awaitingEvent("evt_hist_early", policy(ProbeKind.HTTP))));
        BillingOutcomeWorkflow dispatcher = h.stub("evt_hist_early");
        BatchRequest handOver = h.client.newSignalWithStartRequest();
        handOver.add(dispatcher::run, paid("evt_hist_early"));
        handOver.add(dispatcher::eventArrived, paid("evt_hist_early"));
        WorkflowExecution run = h.client.signalWithStart(handOver);
        assertThat(h.result("evt_hist_early")).isEqualTo(RunState.PROVEN);
        write(run, "receipt-before-event.json");
    }

    /** Since "untracked-event-closes-run" v1. */
    @Test
    void receiptThenUntrackedEvent() throws IOException {
        h.start();
        BillingOutcomeWorkflow early = h.stub("evt_hist_untracked");
        WorkflowExecution run = WorkflowClient.start(early::run,
                OutcomeInput.awaitingEvent("evt_hist_untracked", policy(ProbeKind.HTTP)));
        early.submitReceipt(receipt("rcp_h3", "evt_hist_untracked", Receipt.PROCESSED, null));
        early.eventNotTracked("customer.created");
        assertThat(h.result("evt_hist_untracked")).isEqualTo(RunState.NOT_APPLICABLE);
        write(run, "receipt-event-not-tracked.json");
    }

    /** A run created by a receipt whose event never comes: event_never_delivered at the receipt window. */
    @Test
    void eventNeverDelivered() throws IOException {
        h.start();
        BillingOutcomeWorkflow early = h.stub("evt_hist_never");
        WorkflowExecution run = WorkflowClient.start(early::run,
                OutcomeInput.awaitingEvent("evt_hist_never", policy(ProbeKind.HTTP)));
        early.submitReceipt(receipt("rcp_h4", "evt_hist_never", Receipt.PROCESSED, null));
        assertThat(h.result("evt_hist_never")).isEqualTo(RunState.INCIDENT);
        write(run, "event-never-delivered.json");
    }

    /** The app reports failure: an incident at once, then the app catches up and the run is proven late. */
    @Test
    void receiptFailedThenProvenLate() throws IOException {
        AtomicReference<Observation> app = new AtomicReference<>(seen("free", true));
        when(h.entitlements.probe(any())).thenAnswer(call -> app.get());
        h.start();
        WorkflowExecution run = h.startAsync(paid("evt_hist_receipt_failed"));
        h.env.sleep(Duration.ofSeconds(5));
        h.running("evt_hist_receipt_failed").receipt(
                receipt("rcp_h5", "evt_hist_receipt_failed", Receipt.FAILED, "entitlement_write_failed"));
        h.env.sleep(Duration.ofMinutes(1));
        app.set(seen("pro", true));
        assertThat(h.result("evt_hist_receipt_failed")).isEqualTo(RunState.PROVEN_LATE);
        write(run, "receipt-failed-proven-late.json");
    }

    /** Unproven at the deadline, but a newer event of the same subscription exists: superseded. */
    @Test
    void superseded() throws IOException {
        when(h.entitlements.probe(any())).thenReturn(seen("free", true));
        when(h.store.newerRun(any())).thenReturn("evt_hist_newer");
        h.start();
        WorkflowExecution run = h.startAsync(paid("evt_hist_superseded"));
        assertThat(h.result("evt_hist_superseded")).isEqualTo(RunState.SUPERSEDED);
        write(run, "superseded.json");
    }

    /** Stripe shows the event changes no access. */
    @Test
    void notApplicable() throws IOException {
        when(h.reconcile.reconcile(any())).thenReturn(none());
        h.start();
        WorkflowExecution run = h.startAsync(paid("evt_hist_none"));
        assertThat(h.result("evt_hist_none")).isEqualTo(RunState.NOT_APPLICABLE);
        write(run, "not-applicable.json");
    }

    /** Before "cannot-verify-incidents" v1: a 404 from Stripe closed the run not applicable. */
    @Test
    void stripeNotFoundBeforeCannotVerify() throws IOException {
        when(h.reconcile.reconcile(any())).thenThrow(ApplicationFailure.newFailure(
                "No such subscription: 'sub_1'", FailureType.STRIPE_NOT_FOUND.name()));
        h.start();
        WorkflowExecution run = h.startAsync(paid("evt_hist_404"));
        assertThat(h.result("evt_hist_404")).isEqualTo(RunState.NOT_APPLICABLE);
        write(run, "stripe-not-found-not-applicable.json");
    }

    /** Stripe fails past the deadline (an incident), then answers and the run is proven late. */
    @Test
    void stripeFailingPastTheDeadlineThenProvenLate() throws IOException {
        h.stripeFailsFor(DEADLINE.plusMinutes(1), ApplicationFailure.newFailure("Stripe answered 503", "StripeServerError"),
                grant("pro"));
        when(h.entitlements.probe(any())).thenReturn(seen("pro", true));
        h.start();
        WorkflowExecution run = h.startAsync(paid("evt_hist_outage"));
        assertThat(h.result("evt_hist_outage")).isEqualTo(RunState.PROVEN_LATE);
        write(run, "stripe-unavailable-proven-late.json");
    }

    /** Since "cannot-verify-incidents" v1: Stripe refuses the key (an incident at once), then accepts it. */
    @Test
    void stripeKeyRefusedThenProvenLate() throws IOException {
        h.stripeFailsFor(Duration.ofMinutes(15),
                ApplicationFailure.newFailure("Stripe answered 401", FailureType.STRIPE_KEY_REFUSED.name()), grant("pro"));
        when(h.entitlements.probe(any())).thenReturn(seen("pro", true));
        h.start();
        WorkflowExecution run = h.startAsync(paid("evt_hist_401"));
        assertThat(h.result("evt_hist_401")).isEqualTo(RunState.PROVEN_LATE);
        write(run, "stripe-key-refused-proven-late.json");
    }

    /** Since "cannot-verify-incidents" v1: Stripe down past the deadline, then the app checks wrong: reclassified. */
    @Test
    void stripeUnavailableThenReclassified() throws IOException {
        h.stripeFailsFor(DEADLINE.plusMinutes(5), ApplicationFailure.newFailure("Stripe answered 503", "StripeServerError"),
                grant("pro"));
        AtomicReference<Observation> app = new AtomicReference<>(seen("free", true));
        when(h.entitlements.probe(any())).thenAnswer(call -> app.get());
        h.start();
        WorkflowExecution run = h.startAsync(paid("evt_hist_reclassified"));
        h.env.sleep(DEADLINE.plusMinutes(30));
        app.set(seen("pro", true));
        assertThat(h.result("evt_hist_reclassified")).isEqualTo(RunState.PROVEN_LATE);
        write(run, "stripe-unavailable-reclassified-proven-late.json");
    }

    /** Since "late-event-still-proven" v1: the event comes after the receipt window's incident, and is proven. */
    @Test
    void lateEventProvenLate() throws IOException {
        when(h.entitlements.probe(any())).thenReturn(seen("pro", true));
        h.start();
        BillingOutcomeWorkflow early = h.stub("evt_hist_late_event");
        WorkflowExecution run = WorkflowClient.start(early::run,
                OutcomeInput.awaitingEvent("evt_hist_late_event", policy(ProbeKind.HTTP)));
        early.submitReceipt(receipt("rcp_h6", "evt_hist_late_event", Receipt.PROCESSED, null));
        h.env.sleep(Duration.ofHours(2));
        early.eventArrived(paid("evt_hist_late_event"));
        assertThat(h.result("evt_hist_late_event")).isEqualTo(RunState.PROVEN_LATE);
        write(run, "late-event-proven-late.json");
    }

    /** Since "own-budget-extends-deadline" v1: reads wait for our own budget past the deadline, then prove. */
    @Test
    void ownBudgetExtendsTheDeadline() throws IOException {
        h.stripeFailsFor(DEADLINE.plusMinutes(5),
                ApplicationFailure.newFailure("no permit", FailureType.STRIPE_RATE_LIMITED.name()), grant("pro"));
        when(h.entitlements.probe(any())).thenReturn(seen("pro", true));
        h.start();
        WorkflowExecution run = h.startAsync(paid("evt_hist_budget"));
        assertThat(h.result("evt_hist_budget")).isEqualTo(RunState.PROVEN);
        write(run, "own-budget-deadline-extended.json");
    }

    /** Since "operator-updates" v1: an incident acknowledged, resolved by hand, then the run terminated. */
    @Test
    void operatorAcknowledgesResolvesAndTerminates() throws IOException {
        when(h.entitlements.probe(any())).thenReturn(seen("free", true));
        when(h.operator.apply(any())).thenReturn(new OperatorAnswer(OperatorAnswer.Result.DONE, null, null, false),
                new OperatorAnswer(OperatorAnswer.Result.DONE, null, "inc-1", false),
                new OperatorAnswer(OperatorAnswer.Result.DONE, "terminated", null, false));
        h.start();
        WorkflowExecution run = h.startAsync(paid("evt_hist_operator"));
        h.env.sleep(DEADLINE.plusMinutes(1));
        BillingOutcomeWorkflow open = h.running("evt_hist_operator");
        open.operate(OperatorRequest.acknowledge("inc-1", "evt_hist_operator", "ops@example.com"));
        open.operate(OperatorRequest.resolve("inc-1", "evt_hist_operator", "fixed", "app redeployed", "ops@example.com"));
        open.operate(OperatorRequest.terminate("evt_hist_operator", "customer refunded", "ops@example.com"));
        assertThat(h.result("evt_hist_operator")).isEqualTo(RunState.TERMINATED);
        write(run, "operator-ack-resolve-terminate.json");
    }

    private void write(WorkflowExecution run, String file) throws IOException {
        Files.createDirectories(DIR);
        Files.writeString(DIR.resolve(file), h.env.getWorkflowExecutionHistory(run).toJson(true),
                StandardCharsets.UTF_8);
    }
}
