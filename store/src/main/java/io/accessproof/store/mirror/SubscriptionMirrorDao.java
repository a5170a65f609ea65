package io.accessproof.store.mirror;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The local mirror of Stripe subscriptions. A row is keyed by subscription id and carries the
 * version of the Stripe object it holds; {@link #upsert} never replaces a row with an older version,
 * so concurrent or replayed reconciles converge on the newest object whatever their order.
 */
@RegisterConstructorMapper(MirroredSubscription.class)
public interface SubscriptionMirrorDao {

    /**
     * Inserts the row, or replaces the existing one when its version is not newer. Idempotent.
     *
     * @return 1 when written, 0 when the mirror already holds a newer object
     */
    @SqlUpdate("""
            INSERT INTO subscriptions (subscription_id, customer_id, account, status, plan, price_id, lookup_key,
                                       stripe_version, fetched_at, object, quantity)
            VALUES (:subscriptionId, :customerId, :account, :status, :plan, :priceId, :lookupKey,
                    :stripeVersion, :fetchedAt, CAST(:object AS jsonb), :quantity)
            ON CONFLICT (subscription_id) DO UPDATE SET
                customer_id = EXCLUDED.customer_id, account = EXCLUDED.account, status = EXCLUDED.status,
                plan = EXCLUDED.plan, price_id = EXCLUDED.price_id, lookup_key = EXCLUDED.lookup_key,
                stripe_version = EXCLUDED.stripe_version, fetched_at = EXCLUDED.fetched_at, object = EXCLUDED.object,
                quantity = EXCLUDED.quantity
            WHERE subscriptions.stripe_version <= EXCLUDED.stripe_version
            """)
    int upsert(@BindMethods MirroredSubscription row);

    @SqlQuery("""
            SELECT subscription_id, customer_id, account, status, plan, price_id, lookup_key,
                   stripe_version, fetched_at, object::text AS object, quantity
            FROM subscriptions WHERE subscription_id = :subscriptionId
            """)
    Optional<MirroredSubscription> find(String subscriptionId);

    /** Every mirrored subscription of the customer on this account. */
    @SqlQuery("""
            SELECT subscription_id, customer_id, account, status, plan, price_id, lookup_key,
                   stripe_version, fetched_at, object::text AS object, quantity
            FROM subscriptions WHERE customer_id = :customerId AND account IS NOT DISTINCT FROM :account
            """)
    List<MirroredSubscription> forCustomer(String customerId, String account);
}
