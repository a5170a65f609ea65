package io.accessproof.workflows.model;

import java.util.List;

/**
 * The customer-visible state that Stripe's source of truth implies.
 *
 * @param plan     expected plan name when access is granted, else null
 * @param access   whether the customer should have access
 * @param features expected entitlement feature keys, empty when Stripe Entitlements are not used
 * @param reason   a sentence for operators: why this expectation (and why {@code NONE})
 */
public record Expectation(
        AccessChange change,
        String customerId,
        String subscriptionId,
        String plan,
        boolean access,
        List<String> features,
        String stripeStatus,
        String reason) {

    public Expectation {
        features = features == null ? List.of() : List.copyOf(features);
    }
}
