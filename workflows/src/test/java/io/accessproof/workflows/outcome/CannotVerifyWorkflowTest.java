package io.accessproof.workflows.outcome;

import static io.accessproof.workflows.outcome.OutcomeFixtures.DEADLINE;
import static io.accessproof.workflows.outcome.OutcomeFixtures.grant;
import static io.accessproof.workflows.outcome.OutcomeFixtures.paid;
import static io.accessproof.workflows.outcome.OutcomeFixtures.seen;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.accessproof.workflows.FailureType;
import io.accessproof.workflows.model.IncidentKind;
import io.accessproof.workflows.model.IncidentRequest;
import io.accessproof.workflows.model.IncidentResolution;
import io.accessproof.workflows.model.Observation;
import io.accessproof.workflows.model.RunState;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The third outcome: when accessproof cannot read Stripe or the app it says so in an incident of its own
 * kind, never closes the run as not applicable or proven, never accuses the app, and resolves or turns the
 * incident into an access incident once it can check.
 */
class CannotVerifyWorkflowTest {

    @RegisterExtension
    static final TestWorkflowExtension testWorkflow = OutcomeFixtures.extension();

    private OutcomeHarness h;

    @BeforeEach
    void setUp(TestWorkflowEnvironment env, Worker worker, WorkflowOptions options) {
        h = new OutcomeHarness(env, worker, options);
    }

    @Test
    void stripeRefusesTheKey_stripeAuthIncidentAtOnce_thenProvenLateOnceTheKeyWorks() {
        AtomicReference<RuntimeException> stripe = new AtomicReference<>(ApplicationFailure.newFailure(
                "Stripe answered 401 for sub_1: Expired API Key provided: sk_test_*********dev1",
                FailureType.STRIPE_KEY_REFUSED.name()));
        when(h.reconcile.reconcile(any())).thenAnswer(call -> {
            if (stripe.get() != null) {
                throw stripe.get();
            }
            return grant("pro");
        });
        when(h.entitlements.probe(any())).thenReturn(seen("pro", true));
        h.start();
        h.startAsync(paid("evt_auth"));

        h.env.sleep(Duration.ofSeconds(30));
        IncidentRequest incident = onlyIncident();
        assertThat(incident.kind()).isEqualTo(IncidentKind.STRIPE_AUTH);
        assertThat(incident.kind().cannotVerify()).isTrue();
        assertThat(incident.title()).isEqualTo("Cannot verify Stripe event customer.subscription.created (evt_auth): "
                + "Stripe refused accessproof's API key; fix stripe.apiKey");
        assertThat(incident.evidence().reasonCode()).isEqualTo("stripe_key_refused");
        assertThat(incident.evidence().stripeDetail()).contains("Expired API Key provided");
        assertThat(incident.evidence().observedPlan()).as("the app was never accused: not probed").isNull();
        verify(h.reconcile, times(1)).reconcile(any());
        verify(h.entitlements, never()).probe(any());
        assertThat(h.running("evt_auth").snapshot().state()).isEqualTo(RunState.INCIDENT);

        stripe.set(null);
        assertThat(h.result("evt_auth")).isEqualTo(RunState.PROVEN_LATE);
        assertThat(h.resolutions()).extracting(IncidentResolution::how).containsExactly("proven_late");
    }

    @Test
    void restrictedKeyWithoutPermission_stripeAuthNamingThePermission() {
        when(h.reconcile.reconcile(any())).thenThrow(ApplicationFailure.newFailure("Stripe answered 403 for sub_1: "
                + "Having the 'rak_subscription_read' permission would allow this request to continue.",
                FailureType.STRIPE_PERMISSION.name()));
        h.start();
        h.startAsync(paid("evt_403"));

        h.env.sleep(Duration.ofSeconds(30));
        IncidentRequest incident = onlyIncident();
        assertThat(incident.kind()).isEqualTo(IncidentKind.STRIPE_AUTH);
        assertThat(incident.evidence().reasonCode()).isEqualTo("stripe_permission_missing");
        assertThat(incident.title()).contains("refused accessproof's API key a permission");
        assertThat(incident.evidence().stripeDetail()).contains("rak_subscription_read");
    }

    @Test
    void stripeAnswers404_stripeNotFoundIncident_neverNotApplicable() {
        when(h.reconcile.reconcile(any())).thenThrow(ApplicationFailure.newFailure(
                "Stripe answered 404 for sub_1: No such subscription: 'sub_1'", FailureType.STRIPE_NOT_FOUND.name()));
        h.start();

        assertThat(h.run(paid("evt_404"))).isEqualTo(RunState.INCIDENT);

        IncidentRequest incident = onlyIncident();
        assertThat(incident.kind()).isEqualTo(IncidentKind.STRIPE_NOT_FOUND);
        assertThat(incident.title()).contains("Cannot verify", "no such object");
        assertThat(h.transitions()).extracting(t -> t.state()).doesNotContain(RunState.NOT_APPLICABLE);
        verify(h.incidents, never()).resolve(any());
    }

    @Test
    void stripeDownPastTheDeadline_stripeUnavailableNotAccessIncident_thenReclassifiedWhenTheAppIsWrong() {
        h.stripeFailsFor(DEADLINE.plusMinutes(5), ApplicationFailure.newFailure("Stripe answered 503", "StripeServerError"),
                grant("pro"));
        when(h.entitlements.probe(any())).thenReturn(seen("free", true));
        h.start();

        assertThat(h.run(paid("evt_outage"))).isEqualTo(RunState.INCIDENT);

        List<IncidentRequest> opened = h.incidentsOpened();
        assertThat(opened).extracting(IncidentRequest::kind)
                .containsExactly(IncidentKind.STRIPE_UNAVAILABLE, IncidentKind.ACCESS_NOT_GRANTED);
        assertThat(opened.get(0).evidence().reasonCode()).isEqualTo("stripe_unavailable");
        assertThat(opened.get(0).evidence().stripeStillRetrying()).isTrue();
        assertThat(opened.get(0).atMillis() - h.transitions().get(0).atMillis())
                .as("opened at the deadline, not before").isGreaterThanOrEqualTo(DEADLINE.toMillis());
        assertThat(opened.get(1).evidence().reasonCode()).isEqualTo("plan_mismatch");
        assertThat(opened.get(1).evidence().observedPlan()).isEqualTo("free");
        assertThat(h.resolutions()).extracting(IncidentResolution::how).containsExactly("reclassified");
    }

    @Test
    void appNeverAnswersTheProbe_appUnreachableIncident_thenProvenLateWhenItAnswers() {
        AtomicReference<Observation> app = new AtomicReference<>(
                new Observation(false, null, false, List.of(), null, 1L, "GET http://demo/access/cus_1 -> timeout"));
        when(h.reconcile.reconcile(any())).thenReturn(grant("pro"));
        when(h.entitlements.probe(any())).thenAnswer(call -> app.get());
        h.start();
        h.startAsync(paid("evt_app"));

        h.env.sleep(DEADLINE.plusMinutes(1));
        IncidentRequest incident = onlyIncident();
        assertThat(incident.kind()).isEqualTo(IncidentKind.APP_UNREACHABLE);
        assertThat(incident.title()).contains("Cannot verify", "could not be probed");
        assertThat(incident.evidence().reasonCode()).isEqualTo("app_unreachable");

        app.set(seen("pro", true));
        assertThat(h.result("evt_app")).isEqualTo(RunState.PROVEN_LATE);
        assertThat(h.incidentsOpened()).hasSize(1);
    }

    private IncidentRequest onlyIncident() {
        List<IncidentRequest> opened = h.incidentsOpened();
        assertThat(opened).hasSize(1);
        return opened.get(0);
    }
}
