package io.accessproof.server.incidents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.accessproof.store.Json;
import io.accessproof.store.incidents.IncidentRow;
import java.time.Instant;
import java.util.List;

/**
 * An incident as the operator API shows it, with how many open incidents share its cause and which runs they
 * are (the first 50 event ids): one page for a refused key or a broken deploy, and the list of what it hit.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record IncidentView(
        String id,
        String eventId,
        String kind,
        String title,
        String status,
        String customerId,
        String subscriptionId,
        String eventType,
        String deploySha,
        String reasonCode,
        String groupKey,
        int groupCount,
        List<String> groupEventIds,
        String openedAt,
        String acknowledgedAt,
        String acknowledgedBy,
        String resolvedAt,
        String resolvedHow,
        String resolvedReason,
        String resolvedNote,
        JsonNode evidence,
        JsonNode notified) {

    public static IncidentView of(IncidentRow r) {
        String status = r.resolvedAt() != null ? "resolved" : r.acknowledgedAt() != null ? "acknowledged" : "open";
        return new IncidentView(r.incidentId(), r.eventId(), r.kind(), r.title(), status, r.customerId(),
                r.subscriptionId(), r.eventType(), r.deploySha(), r.reasonCode(), r.groupKey(), r.groupCount(),
                r.groupEventIds() == null ? List.of() : List.of(r.groupEventIds()), iso(r.openedAt()), iso(r.acknowledgedAt()), r.acknowledgedBy(), iso(r.resolvedAt()), r.resolvedHow(),
                r.resolvedReason(), r.resolvedNote(), Json.read(r.evidence(), JsonNode.class), Json.read(r.notified(), JsonNode.class));
    }

    private static String iso(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
