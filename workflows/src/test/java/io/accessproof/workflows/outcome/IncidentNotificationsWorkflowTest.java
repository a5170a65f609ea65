package io.accessproof.workflows.outcome;

import static io.accessproof.workflows.outcome.OutcomeFixtures.DEADLINE;
import static io.accessproof.workflows.outcome.OutcomeFixtures.grant;
import static io.accessproof.workflows.outcome.OutcomeFixtures.paid;
import static io.accessproof.workflows.outcome.OutcomeFixtures.seen;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.atLeast;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.accessproof.workflows.FailureType;
import io.accessproof.workflows.model.IncidentOpenedNotice;
import io.accessproof.workflows.model.IncidentResolvedNotice;
import io.accessproof.workflows.model.Observation;
import io.accessproof.workflows.model.RunState;
import io.accessproof.workflows.model.RunTransition;
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
import org.mockito.ArgumentCaptor;
import org.mockito.InOrder;

class IncidentNotificationsWorkflowTest {

    @RegisterExtension
    static final TestWorkflowExtension testWorkflow = OutcomeFixtures.extension();

    private OutcomeHarness h;
    private final AtomicReference<Observation> app = new AtomicReference<>(seen("free", true));

    @BeforeEach
    void setUp(TestWorkflowEnvironment env, Worker worker, WorkflowOptions options) {
        h = new OutcomeHarness(env, worker, options);
        when(h.reconcile.reconcile(any())).thenReturn(grant("pro"));
        when(h.entitlements.probe(any())).thenAnswer(call -> app.get());
    }

    @Test
    void incidentOpens_openNotificationNamesIncidentAndMode() {
        h.start();

        assertThat(h.run(paid("evt_n1"))).isEqualTo(RunState.INCIDENT);

        ArgumentCaptor<IncidentOpenedNotice> notice = ArgumentCaptor.forClass(IncidentOpenedNotice.class);
        verify(h.notifications).incidentOpened(notice.capture());
        assertThat(notice.getValue().incidentId()).isEqualTo("inc-1");
        assertThat(notice.getValue().eventId()).isEqualTo("evt_n1");
        assertThat(notice.getValue().livemode()).isFalse();
        long openedAt = h.incidentsOpened().get(0).atMillis();
        assertThat(notice.getValue().atMillis()).isBetween(openedAt, openedAt + 1_000);
        verify(h.notifications, never()).incidentResolved(any());
    }

    @Test
    void lateProofResolvesIncident_resolveNotificationFollowsTheOpenOne() {
        h.start();
        h.startAsync(paid("evt_n2"));
        h.env.sleep(DEADLINE.plusMinutes(1));
        app.set(seen("pro", true));

        assertThat(h.result("evt_n2")).isEqualTo(RunState.PROVEN_LATE);

        ArgumentCaptor<IncidentResolvedNotice> notice = ArgumentCaptor.forClass(IncidentResolvedNotice.class);
        InOrder order = inOrder(h.incidents, h.notifications);
        order.verify(h.notifications).incidentOpened(any());
        order.verify(h.incidents).resolve(any());
        order.verify(h.notifications).incidentResolved(notice.capture());
        assertThat(notice.getValue().incidentId()).isEqualTo("inc-1");
        assertThat(notice.getValue().how()).isEqualTo("proven_late");
        assertThat(notice.getValue().note()).contains("proven late by probe after incident inc-1");
    }

    @Test
    void notificationKeepsFailing_incidentAndRunStateAreNotDelayed() {
        doThrow(ApplicationFailure.newFailure("PagerDuty answered 503", FailureType.NOTIFICATION_FAILED.name()))
                .when(h.notifications).incidentOpened(any());
        h.start();
        h.startAsync(paid("evt_n3"));

        h.env.sleep(DEADLINE.plusMinutes(1));
        // The run answers and shows the incident while the notification is still being retried.
        assertThat(h.running("evt_n3").snapshot().state()).isEqualTo(RunState.INCIDENT);
        app.set(seen("pro", true));

        assertThat(h.result("evt_n3")).isEqualTo(RunState.PROVEN_LATE);
        List<RunTransition> timeline = h.transitions();
        long start = timeline.get(0).atMillis();
        assertThat(h.incidentsOpened().get(0).atMillis() - start).isLessThan(DEADLINE.plusSeconds(30).toMillis());
        RunTransition provenLate = timeline.get(timeline.size() - 1);
        assertThat(provenLate.state()).isEqualTo(RunState.PROVEN_LATE);
        // At the first watch after the fix, not after the notification's hour of retries.
        assertThat(provenLate.atMillis() - start).isLessThan(Duration.ofMinutes(25).toMillis());
        verify(h.notifications, atLeast(2)).incidentOpened(any());
    }
}
