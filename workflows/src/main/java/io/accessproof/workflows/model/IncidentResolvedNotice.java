package io.accessproof.workflows.model;

/**
 * Tells the notification sinks that the run's incident was resolved.
 *
 * @param how      proven_late, not_applicable, retried, terminated or manual
 * @param livemode the Stripe event's livemode; null when the run never got its event
 */
public record IncidentResolvedNotice(String incidentId, String eventId, Boolean livemode, String how, String note,
        long atMillis) {
}
