package io.accessproof.workflows.outcome;

import io.accessproof.workflows.model.IncidentKind;
import io.accessproof.workflows.model.IncidentOpenedNotice;
import io.accessproof.workflows.model.IncidentRequest;
import io.accessproof.workflows.model.IncidentResolution;
import io.accessproof.workflows.model.IncidentResolvedNotice;
import io.accessproof.workflows.model.RunState;
import io.temporal.workflow.Workflow;

/** The run's incident: opened with its evidence, resolved with a reason, each told to the sinks once. */
final class IncidentLifecycle {
    private final IncidentActivities incidents =
            Workflow.newActivityStub(IncidentActivities.class, OutcomeActivityOptions.durable());
    private final IncidentNotifications notifications = new IncidentNotifications();
    private final RunProgress run;
    private final Timeline timeline;

    IncidentLifecycle(RunProgress run, Timeline timeline) {
        this.run = run;
        this.timeline = timeline;
    }

    boolean isOpen() {
        return run.incidentId != null;
    }

    void open(IncidentKind kind, String reasonCode) {
        String title = IncidentTitles.title(kind, run.eventId, run.event, reasonCode);
        var evidence = IncidentEvidence.of(run.eventId, run.event, run.expected, run.observed, run.receipts.all(),
                reasonCode, run.stripeStillRetrying);
        run.incidentId = incidents.open(new IncidentRequest(run.eventId, kind, title, evidence,
                Workflow.currentTimeMillis()));
        timeline.transition(RunState.INCIDENT, kind.wire() + " incident " + run.incidentId + ": " + title);
        notifications.opened(new IncidentOpenedNotice(run.incidentId, run.eventId, run.livemode(),
                Workflow.currentTimeMillis()));
    }

    void resolve(String how, String note) {
        incidents.resolve(new IncidentResolution(run.eventId, how, note, Workflow.currentTimeMillis()));
        notifications.resolved(new IncidentResolvedNotice(run.incidentId, run.eventId, run.livemode(), how, note,
                Workflow.currentTimeMillis()));
    }

    /** Called before the run returns, so no notification is cut off by the run's end. */
    void awaitNotifications() {
        notifications.awaitPending();
    }
}
