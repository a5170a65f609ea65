package io.accessproof.store.events;

import java.time.Instant;

/**
 * A Stripe event as the intake stores it: the exact bytes Stripe signed plus the facts parsed from them.
 *
 * @param ignored true when the event's type starts no run
 * @param source      webhook, sweep or replay
 * @param traceparent the W3C trace context of the request that stored it, when tracing is on; else null
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
        byte[] rawPayload,
        String traceparent) {

    public StoredEvent withTraceparent(String context) {
        return new StoredEvent(eventId, type, account, livemode, apiVersion, created, objectType, objectId, customerId,
                subscriptionId, ignored, source, payloadJson, rawPayload, context);
    }
}
