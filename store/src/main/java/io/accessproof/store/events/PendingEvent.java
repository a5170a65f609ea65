package io.accessproof.store.events;

import java.time.Instant;

/**
 * An accepted event waiting for the outbox dispatcher to hand it to Temporal.
 *
 * @param ignored true when the event's type starts no run
 * @param traceparent  the W3C trace context of the webhook that stored it (tracing on); null otherwise
 * @param receiptFirst true when a receipt for the event was stored before it was dispatched: the receipt may
 *     have created a run which now waits for this event, or be waiting itself for the run to start
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
        boolean receiptFirst,
        String traceparent) {
}
