package io.accessproof.activities.receipts;

import java.time.Instant;

/** A receipt as the {@code receipts} table holds it; {@code body} is the JSON the app sent. */
public record StoredReceipt(
        String receiptId,
        String eventId,
        String status,
        String reasonCode,
        String processedAt,
        String deploySha,
        String customerId,
        String sideEffectRefs,
        String body,
        Instant receivedAt) {
}
