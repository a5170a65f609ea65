package io.accessproof.store.runs;

import java.time.Instant;

/** One step of a run's timeline. */
public record TimelineEntry(Instant at, String state, String note) {
}
