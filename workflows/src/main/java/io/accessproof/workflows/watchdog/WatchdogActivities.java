package io.accessproof.workflows.watchdog;

import io.temporal.activity.ActivityInterface;

/** The stall watchdog's look at PostgreSQL and Temporal. */
@ActivityInterface
public interface WatchdogActivities {

    /**
     * Finds runs still accepted or proving past their deadline plus the margin, asks Temporal about each
     * run's workflow, and acts: a workflow Temporal does not know is re-driven (its event back into the
     * outbox, its stored receipts handed on) unless the run is past its horizon, a terminated one is recorded
     * as terminated, any other (running without progress, failed, timed out, lost past its horizon) gets one
     * open {@code run_stalled} incident.
     * Idempotent: a second look changes nothing the first one did.
     */
    WatchReport inspect(WatchdogInput input);
}
