package io.accessproof.store.operators;

import java.time.Instant;

/** One bulk job as stored: its runs, in order, and its checkpoint ({@code position} runs acted on). */
public record BulkJobRow(String jobId, String action, String actor, String reason, String filter, String[] eventIds,
                         int position, int failed, Instant createdAt, Instant finishedAt) {

    public boolean finished() {
        return finishedAt != null;
    }
}
