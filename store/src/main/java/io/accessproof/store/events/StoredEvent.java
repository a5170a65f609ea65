package io.accessproof.store.events;

import java.time.Instant;

/**
 * A Stripe event as the intake stores it: the exact bytes Stripe signed plus the facts parsed from them.
 *
 * @param ignored true when the event's type starts no run
 * @param source  webhook, sweep or replay
 */
public record StoredEvent(
        String eventId,
        String type,
        String account,
        boolean livemode,
        String apiVersion,
        Instant created,
        String objectType,
        String objectId,
        String customerId,
        String subscriptionId,
        boolean ignored,
        String source,
        String payloadJson,
        byte[] rawPayload) {
}
