package io.accessproof.store.incidents;

import java.time.Instant;

/** An incident about to be opened, with its evidence packet as JSON. */
public record NewIncident(
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
        String evidenceJson,
        Instant openedAt) {
}
