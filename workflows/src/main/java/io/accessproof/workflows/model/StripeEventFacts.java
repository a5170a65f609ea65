package io.accessproof.workflows.model;

/**
 * What the stored Stripe event says about itself, parsed defensively by the intake. Ids only: the
 * expectation is always derived from Stripe's API, never from this payload.
 *
 * @param created Stripe's {@code created}, epoch seconds; orders runs of one subscription
 */
public record StripeEventFacts(
        String type,
        String account,
        boolean livemode,
        String objectType,
        String objectId,
        String customerId,
        String subscriptionId,
        long created) {
}
