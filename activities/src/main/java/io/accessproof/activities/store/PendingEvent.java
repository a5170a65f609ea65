package io.accessproof.activities.store;

import java.time.Instant;

/** An accepted event waiting for the outbox dispatcher to hand it to Temporal. */
public record PendingEvent(
        String eventId,
        String type,
        String account,
        boolean livemode,
        Instant created,
        Instant received,
        String objectType,
        String objectId,
        String customerId,
        String subscriptionId,
        int dispatchAttempts) {
}
