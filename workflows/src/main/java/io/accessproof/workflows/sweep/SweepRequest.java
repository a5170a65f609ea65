package io.accessproof.workflows.sweep;

import java.util.List;

/**
 * One pass.
 *
 * @param sweepId        the pass's id (its row in {@code sweeps})
 * @param sinceEpoch     the oldest creation time to list (epoch seconds); null: from the periodic cursor
 * @param overlapSeconds how far before the cursor to start again
 * @param backfillSeconds how far back to look when there is no cursor yet
 * @param settleSeconds  events younger than this are not listed yet
 * @param types          the event types to list
 * @param advanceCursor  true for the periodic sweep: the cursor moves to the end of what this pass listed
 */
public record SweepRequest(String sweepId, Long sinceEpoch, long overlapSeconds, long backfillSeconds,
                           long settleSeconds, List<String> types, boolean advanceCursor) {
    public SweepRequest {
        types = List.copyOf(types);
    }
}
