package io.accessproof.store.retention;

import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.transaction.Transaction;

/**
 * Erases what accessproof keeps about a customer beyond ids: the signed bytes and parsed copy of their
 * Stripe events, their receipts' free-form fields, and the mirror of their subscriptions' Stripe objects.
 * Runs, timelines and incidents stay (ids, plans, states, codes), so the proof record is kept. Idempotent.
 */
public interface CustomerErasure {

    /** What one erasure changed. */
    record Erased(int events, int receipts, int subscriptions) {
    }

    /** Erases the customer in one transaction. */
    @Transaction
    default Erased erase(String customerId) {
        int receipts = eraseReceipts(customerId);
        return new Erased(eraseEvents(customerId), receipts, eraseSubscriptions(customerId));
    }

    @SqlUpdate("""
            UPDATE stripe_events SET raw_payload = '\\x'::bytea,
                   payload = jsonb_build_object('id', event_id, 'object', 'event', 'type', type, 'erased', true)
            WHERE customer_id = :customer AND ((payload ->> 'erased') IS NULL OR octet_length(raw_payload) > 0)""")
    int eraseEvents(@Bind("customer") String customerId);

    /** The body keeps the fields a restarted run is handed (ids, status, codes, times), so it still parses. */
    @SqlUpdate("""
            UPDATE receipts SET side_effect_refs = NULL, body = jsonb_strip_nulls(jsonb_build_object(
                   'event_id', event_id, 'receipt_id', receipt_id, 'status', status, 'reason_code', reason_code,
                   'processed_at', processed_at, 'deploy_sha', deploy_sha, 'customer_id', customer_id))
            WHERE (customer_id = :customer
                   OR event_id IN (SELECT event_id FROM stripe_events WHERE customer_id = :customer))
              AND (side_effect_refs IS NOT NULL OR body <> jsonb_strip_nulls(jsonb_build_object(
                   'event_id', event_id, 'receipt_id', receipt_id, 'status', status, 'reason_code', reason_code,
                   'processed_at', processed_at, 'deploy_sha', deploy_sha, 'customer_id', customer_id)))""")
    int eraseReceipts(@Bind("customer") String customerId);

    @SqlUpdate("""
            UPDATE subscriptions SET object = jsonb_build_object('id', subscription_id, 'object', 'subscription',
                   'customer', customer_id, 'status', status, 'erased', true)
            WHERE customer_id = :customer AND (object ->> 'erased') IS NULL""")
    int eraseSubscriptions(@Bind("customer") String customerId);
}
