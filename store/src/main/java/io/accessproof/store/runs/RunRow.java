package io.accessproof.store.runs;

import java.time.Instant;

/**
 * A run as PostgreSQL holds it, with the facts of its stored event (null for a run a receipt created
 * before its event arrived). {@code expected} and {@code observed} are JSON text.
 */
public record RunRow(
        String eventId,
        String eventType,
        String customerId,
        String subscriptionId,
        String state,
        String expected,
        String observed,
        String proofSource,
        String incidentId,
        String supersededBy,
        Instant startedAt,
        Instant updatedAt,
        Instant closedAt,
        Instant provenAt,
        Instant received,
        Boolean livemode,
        String account,
        Integer deliveryCount) {
}
