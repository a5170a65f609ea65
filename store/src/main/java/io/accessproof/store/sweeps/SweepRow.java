package io.accessproof.store.sweeps;

import java.time.Instant;

/** A sweep's row; {@code status} is failed, done or running. */
public record SweepRow(String sweepId, boolean periodic, String status, Instant since, Instant until,
                       Instant startedAt, Instant finishedAt, int pages, int listed, int alreadyStored, int dispatched,
                       String error) {
}
