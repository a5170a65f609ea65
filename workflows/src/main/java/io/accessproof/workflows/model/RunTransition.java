package io.accessproof.workflows.model;

/**
 * One step of a run, written to PostgreSQL by an activity: the run's row takes the new state and the
 * timeline gains one entry.
 *
 * @param step        the workflow's own sequence number for this step; (eventId, step) makes the write
 *                    idempotent under activity retries
 * @param proofSource set when the run closes proven, else null
 * @param note        one line for the timeline
 */
public record RunTransition(
        String eventId,
        int step,
        RunState state,
        StripeEventFacts event,
        Expectation expected,
        Observation observed,
        ProofSource proofSource,
        String note,
        long atMillis) {
}
