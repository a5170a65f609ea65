package io.accessproof.workflows.model;

import java.util.Map;

/** What the app says it did for an event, already authenticated and validated by the server. */
public record Receipt(
        String receiptId,
        String eventId,
        String status,
        String reasonCode,
        String processedAt,
        Map<String, String> sideEffectRefs,
        String deploySha,
        String customerId,
        long receivedAtMillis) {

    public static final String PROCESSED = "processed";
    public static final String FAILED = "failed";

    public boolean processed() {
        return PROCESSED.equals(status);
    }
}
