package io.accessproof.store.notifications;

import com.fasterxml.jackson.databind.JsonNode;
import io.accessproof.store.Json;
import java.time.Instant;

/** An incident as the notifications read it from the {@code incidents} table. */
public record NotifiedIncident(
        String incidentId,
        String eventId,
        String kind,
        String title,
        String customerId,
        String subscriptionId,
        String eventType,
        String deploySha,
        String reasonCode,
        String groupKey,
        String evidence,
        Instant openedAt,
        String notified) {

    /** The evidence packet; fields an older packet lacks read as missing nodes. */
    public JsonNode evidenceNode() {
        JsonNode node = Json.read(evidence, JsonNode.class);
        return node == null ? Json.MAPPER.createObjectNode() : node;
    }
}
