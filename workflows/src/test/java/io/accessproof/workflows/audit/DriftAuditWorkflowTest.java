package io.accessproof.workflows.audit;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import io.accessproof.workflows.PayloadConverters;
import io.accessproof.workflows.model.IncidentOpenedNotice;
import io.accessproof.workflows.outcome.NotificationActivities;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An audit pages until Stripe's list ends or someone cancels it, and notifies each drift incident it opened. */
class DriftAuditWorkflowTest {
    private static final AuditInput INPUT = new AuditInput("aud_1", false);
    private static final IncidentOpenedNotice OPENED = new IncidentOpenedNotice("inc_1", "drift-cus_1", false, 1L);

    @RegisterExtension
    static final TestWorkflowExtension testWorkflow = TestWorkflowExtension.newBuilder()
            .registerWorkflowImplementationTypes(DriftAuditWorkflowImpl.class)
            .setWorkflowClientOptions(WorkflowClientOptions.newBuilder()
                    .setDataConverter(PayloadConverters.dataConverter()).build())
            .setDoNotStart(true)
            .build();

    private final AuditActivities audits = mock(AuditActivities.class, withSettings().withoutAnnotations());
    private final NotificationActivities sinks = mock(NotificationActivities.class, withSettings().withoutAnnotations());

    @Test
    void pagesUntilTheListEnds_notifiesWhatItOpened_thenFinishes(TestWorkflowEnvironment env, Worker worker,
                                                                WorkflowOptions options) {
        when(audits.nextPage(any())).thenReturn(new AuditPage(false, false, List.of(OPENED)),
                new AuditPage(false, false, List.of()), new AuditPage(true, false, List.of()));
        worker.registerActivitiesImplementations(audits, sinks);
        env.start();

        env.getWorkflowClient().newWorkflowStub(DriftAuditWorkflow.class,
                options.toBuilder().setWorkflowId(DriftAuditWorkflow.idOf("aud_1")).build()).audit(INPUT);

        verify(audits, times(3)).nextPage(INPUT);
        verify(sinks).incidentOpened(OPENED);
        verify(audits).finish("aud_1");
    }

    @Test
    void cancelled_stopsAtTheNextPage_withoutFinishing(TestWorkflowEnvironment env, Worker worker,
                                                       WorkflowOptions options) {
        when(audits.nextPage(any())).thenReturn(new AuditPage(false, false, List.of()),
                new AuditPage(false, true, List.of()));
        worker.registerActivitiesImplementations(audits, sinks);
        env.start();

        env.getWorkflowClient().newWorkflowStub(DriftAuditWorkflow.class,
                options.toBuilder().setWorkflowId(DriftAuditWorkflow.idOf("aud_1")).build()).audit(INPUT);

        verify(audits, times(2)).nextPage(INPUT);
        verify(audits, never()).finish(any());
    }
}
