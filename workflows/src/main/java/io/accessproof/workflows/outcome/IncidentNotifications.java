package io.accessproof.workflows.outcome;

import io.accessproof.workflows.model.IncidentOpenedNotice;
import io.accessproof.workflows.model.IncidentResolvedNotice;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;

/**
 * Notifies the sinks of a run's incident without blocking the run: the open notification runs beside
 * the watching, the resolution follows it (a pager must never see resolve before trigger), and the run
 * waits for both before it returns. A notification that Temporal gave up on is logged, never fatal.
 */
final class IncidentNotifications {
    private static final Logger log = Workflow.getLogger(IncidentNotifications.class);

    private final NotificationActivities sinks =
            Workflow.newActivityStub(NotificationActivities.class, OutcomeActivityOptions.notifications());
    private final List<Promise<Void>> pending = new ArrayList<>();
    /** Decided when the incident opens, so a run whose incident opened before this change never sends a resolve. */
    private boolean enabled;

    void opened(IncidentOpenedNotice notice) {
        enabled = RunVersions.since(RunVersions.NOTIFY_INCIDENTS);
        if (enabled) {
            pending.add(Async.procedure(sinks::incidentOpened, notice));
        }
    }

    void resolved(IncidentResolvedNotice notice) {
        if (!enabled) {
            return;
        }
        awaitPending();
        pending.add(Async.procedure(sinks::incidentResolved, notice));
    }

    /**
     * Sends an operator's resolution after the notifications already started, on a workflow thread of its own, so
     * the operator's answer never waits for a sink.
     */
    void resolvedByOperator(IncidentResolvedNotice notice) {
        List<Promise<Void>> before = List.copyOf(pending);
        pending.add(Async.procedure(() -> {
            for (Promise<Void> promise : before) {
                promise.exceptionally(failure -> null).get();
            }
            sinks.incidentResolved(notice);
        }));
    }

    /** Waits for every notification started; called before the run returns. */
    void awaitPending() {
        for (Promise<Void> promise : pending) {
            try {
                promise.get();
            } catch (ActivityFailure failure) {
                log.warn("incident notification given up after its retries", failure);
            }
        }
        pending.clear();
    }
}
