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

    /**
     * The receipt as it may enter workflow history: ids, codes and times only. The app's free-form side-effect
     * references stay in PostgreSQL ({@code receipts}), where they can be purged or erased; history cannot.
     */
    public Receipt forHistory() {
        return new Receipt(receiptId, eventId, status, reasonCode, processedAt, Map.of(), deploySha, customerId,
                receivedAtMillis);
    }
}
