package io.accessproof.workflows.model;

/**
 * Tells the notification sinks that the run's incident opened.
 *
 * @param livemode the Stripe event's livemode; null when the run never got its event
 */
public record IncidentOpenedNotice(String incidentId, String eventId, Boolean livemode, long atMillis) {
}
