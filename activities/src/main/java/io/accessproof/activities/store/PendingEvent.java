package io.accessproof.activities.store;

import java.time.Instant;

/**
 * An accepted event waiting for the outbox dispatcher to hand it to Temporal.
 *
 * @param ignored true when the event's type starts no run
 * @param receiptFirst true when the event is ignored and a receipt for it was stored: that receipt may have
 *     created a run which now waits for this event
 */
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
        int dispatchAttempts,
        boolean ignored,
        boolean receiptFirst) {
}
