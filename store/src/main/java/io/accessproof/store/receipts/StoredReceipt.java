package io.accessproof.store.receipts;

import java.time.Instant;

/**
 * A receipt as the {@code receipts} table holds it; {@code body} is the JSON the app sent, {@code app} the
 * receipt app whose secret signed it, {@code beforeEvent} true when its Stripe event was not yet stored.
 */
public record StoredReceipt(
        String app,
        String receiptId,
        String eventId,
        String status,
        String reasonCode,
        String processedAt,
        String deploySha,
        String customerId,
        String sideEffectRefs,
        String body,
        Instant receivedAt,
        boolean beforeEvent) {
}
