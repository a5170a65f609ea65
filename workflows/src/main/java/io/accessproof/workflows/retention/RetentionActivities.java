package io.accessproof.workflows.retention;

import io.temporal.activity.ActivityInterface;

/** The purge job's work in PostgreSQL. */
@ActivityInterface
public interface RetentionActivities {

    /**
     * Removes what is past its retention, in batches of {@code input.batch()} rows, each batch its own
     * transaction, up to a budget of batches per call; never a run that is open or has an open incident.
     * Idempotent: a retried call removes only what is still there.
     */
    PurgeReport purge(RetentionInput input);
}
