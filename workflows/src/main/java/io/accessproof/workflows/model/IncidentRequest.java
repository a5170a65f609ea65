package io.accessproof.workflows.model;

/** Opens the run's incident; idempotent on {@code eventId} (one open incident per run). */
public record IncidentRequest(String eventId, IncidentKind kind, String title, Evidence evidence, long atMillis) {
}
