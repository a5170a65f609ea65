package io.accessproof.workflows.bulk;

import io.temporal.activity.ActivityInterface;

/** Stores a bulk job and acts on its runs from its checkpoint in PostgreSQL. */
@ActivityInterface
public interface BulkActivities {

    /** Stores the job and audits it, unless it exists already (a retried or resumed start); its progress. */
    BulkProgress begin(BulkJob job);

    /** Acts on up to {@code runs} more runs, moving the checkpoint past each one; the progress after them. */
    BulkProgress step(String jobId, int runs);
}
