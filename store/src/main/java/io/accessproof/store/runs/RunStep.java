package io.accessproof.store.runs;

import java.time.Instant;

/**
 * One step of a run as {@link RunDao#record} writes it: the run's row as of the step, and the step's
 * timeline entry by {@code writer} (the Temporal run id).
 */
public record RunStep(String eventId, String eventType, Instant eventCreated, String customerId,
                      String subscriptionId, String state, String expected, String observed, String proofSource,
                      Instant at, Instant closedAt, Instant provenAt, String writer, int step, String note) {
}
