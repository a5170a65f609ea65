package io.accessproof.store.incidents;

import java.time.Instant;

/** An incident as {@link IncidentQueries} reads it, with its open group; jsonb columns as text. */
public record IncidentRow(String incidentId, String eventId, String kind, String title, String customerId,
                          String subscriptionId, String eventType, String deploySha, String reasonCode, String groupKey,
                          int groupCount, String[] groupEventIds, Instant openedAt, Instant acknowledgedAt,
                          String acknowledgedBy, Instant resolvedAt, String resolvedHow, String resolvedReason,
                          String resolvedNote, String evidence, String notified) {
}
