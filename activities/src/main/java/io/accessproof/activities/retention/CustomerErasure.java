package io.accessproof.activities.retention;

import org.jdbi.v3.core.Jdbi;

/**
 * Erases what accessproof keeps about a customer beyond ids: the signed bytes and parsed copy of their
 * Stripe events, their receipts' free-form fields, and the mirror of their subscriptions' Stripe objects.
 * Runs, timelines and incidents stay (ids, plans, states, codes), so the proof record is kept. Idempotent.
 */
public final class CustomerErasure {

    /** What one erasure changed. */
    public record Erased(int events, int receipts, int subscriptions) {
    }

    private static final String EVENTS = "UPDATE stripe_events SET raw_payload = '\\x'::bytea, "
            + "payload = jsonb_build_object('id', event_id, 'object', 'event', 'type', type, 'erased', true) "
            + "WHERE customer_id = :customer AND ((payload ->> 'erased') IS NULL OR octet_length(raw_payload) > 0)";
    // The body keeps the fields a restarted run is handed (ids, status, codes, times), so it still parses.
    private static final String RECEIPTS = "UPDATE receipts SET side_effect_refs = NULL, body = jsonb_strip_nulls("
            + "jsonb_build_object('event_id', event_id, 'receipt_id', receipt_id, 'status', status, 'reason_code', "
            + "reason_code, 'processed_at', processed_at, 'deploy_sha', deploy_sha, 'customer_id', customer_id)) "
            + "WHERE (customer_id = :customer OR event_id IN (SELECT event_id FROM stripe_events WHERE customer_id = :customer)) "
            + "AND (side_effect_refs IS NOT NULL OR body <> jsonb_strip_nulls(jsonb_build_object('event_id', event_id, "
            + "'receipt_id', receipt_id, 'status', status, 'reason_code', reason_code, 'processed_at', processed_at, "
            + "'deploy_sha', deploy_sha, 'customer_id', customer_id)))";
    private static final String SUBSCRIPTIONS = "UPDATE subscriptions SET object = jsonb_build_object('id', "
            + "subscription_id, 'object', 'subscription', 'customer', customer_id, 'status', status, 'erased', true) "
            + "WHERE customer_id = :customer AND (object ->> 'erased') IS NULL";

    private final Jdbi jdbi;

    public CustomerErasure(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Erases the customer in one transaction. */
    public Erased erase(String customerId) {
        return jdbi.inTransaction(h -> {
            int receipts = h.createUpdate(RECEIPTS).bind("customer", customerId).execute();
            int events = h.createUpdate(EVENTS).bind("customer", customerId).execute();
            int subscriptions = h.createUpdate(SUBSCRIPTIONS).bind("customer", customerId).execute();
            return new Erased(events, receipts, subscriptions);
        });
    }
}
