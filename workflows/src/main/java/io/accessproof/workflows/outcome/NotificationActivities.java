package io.accessproof.workflows.outcome;

import io.accessproof.workflows.model.IncidentResolvedNotice;
import io.accessproof.workflows.model.IncidentOpenedNotice;
import io.temporal.activity.ActivityInterface;

/**
 * Tells the configured sinks (webhook, Slack, PagerDuty, log) about an incident. Every attempt is
 * recorded on the incident. Idempotent on (incident id, action): a retry calls only the sinks that have
 * not yet succeeded. A sink that failed makes the call throw, so Temporal retries it.
 */
@ActivityInterface
public interface NotificationActivities {

    /** Sends the incident to every sink whose filter takes it; a grouped incident skips the paging sinks. */
    void incidentOpened(IncidentOpenedNotice notice);

    /** Sends the resolution to every sink the opening reached. */
    void incidentResolved(IncidentResolvedNotice notice);
}
