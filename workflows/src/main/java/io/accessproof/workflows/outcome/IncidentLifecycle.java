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

    /** True while the run's open incident says accessproof could not check, rather than that the app is wrong. */
    boolean cannotVerify() {
        return isOpen() && run.incidentKind != null && run.incidentKind.cannotVerify();
    }

    void open(IncidentKind kind, String reasonCode) {
        String title = IncidentTitles.title(kind, run.eventId, run.event, reasonCode, run.expected);
        var evidence = IncidentEvidence.of(run.eventId, run.event, run.expected, run.observed, run.receipts.all(),
                reasonCode, run.stripeBlind);
        run.incidentId = incidents.open(new IncidentRequest(run.eventId, kind, title, evidence,
                Workflow.currentTimeMillis()));
        run.incidentKind = kind;
        timeline.transition(RunState.INCIDENT, kind.wire() + " incident " + run.incidentId + ": " + title);
        notifications.opened(new IncidentOpenedNotice(run.incidentId, run.eventId, run.livemode(),
                Workflow.currentTimeMillis()));
    }

    void resolve(String how, String note) {
        incidents.resolve(new IncidentResolution(run.eventId, how, note, Workflow.currentTimeMillis()));
        notifications.resolved(new IncidentResolvedNotice(run.incidentId, run.eventId, run.livemode(), how, note,
                Workflow.currentTimeMillis()));
    }

    /** Proven after its incident opened: the run closes proven late and its incident resolves. */
    void provenLate() {
        String note = "proven late by " + run.proofSource.wire() + " after incident " + run.incidentId;
        timeline.transition(RunState.PROVEN_LATE, note);
        resolve("proven_late", note);
    }

    /** An operator resolved an incident of this run (by hand or by terminate): its sinks hear it after the opening. */
    void resolvedByOperator(IncidentResolvedNotice notice) {
        notifications.resolvedByOperator(notice);
    }

    /**
     * A cannot-verify incident whose run can now check, and finds the access wrong, becomes an access
     * incident: the first resolves as reclassified, the second pages the app's owners.
     */
    void reclassify(IncidentKind kind, String reasonCode) {
        resolve("reclassified", "verified after " + run.incidentKind.wire() + ": " + kind.wire());
        run.incidentId = null;
        open(kind, reasonCode);
    }

    /** Called before the run returns, so no notification is cut off by the run's end. */
    void awaitNotifications() {
        notifications.awaitPending();
    }
}
