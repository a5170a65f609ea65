package io.accessproof.store.mirror;

import java.time.Instant;

/**
 * One row of the {@code subscriptions} mirror.
 *
 * @param stripeVersion how new the Stripe object in this row is (see {@link SubscriptionMirrorDao})
 * @param object        the subscription as Stripe returned it (jsonb, as text)
 * @param quantity      the quantity of its plan's item: the seats paid for (null when Stripe says none)
 */
public record MirroredSubscription(
        String subscriptionId,
        String customerId,
        String account,
        String status,
        String plan,
        String priceId,
        String lookupKey,
        Instant stripeVersion,
        Instant fetchedAt,
        String object,
        Integer quantity) {
}
