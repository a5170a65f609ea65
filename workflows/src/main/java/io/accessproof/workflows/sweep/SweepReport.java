package io.accessproof.workflows.sweep;

/**
 * What one pass found.
 *
 * @param listed        events Stripe listed
 * @param alreadyStored of those, events accessproof had stored (delivered, or found by an earlier pass)
 * @param dispatched    events stored by this pass and handed to the outbox: never delivered to the endpoint
 */
public record SweepReport(String sweepId, long sinceEpoch, long untilEpoch, int pages, int listed, int alreadyStored,
                          int dispatched) {
}
