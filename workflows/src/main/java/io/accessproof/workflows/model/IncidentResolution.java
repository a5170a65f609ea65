package io.accessproof.workflows.model;

/** Resolves the run's open incident, if any; {@code how} is proven_late, retried, terminated or manual. */
public record IncidentResolution(String eventId, String how, String note, long atMillis) {
}
