package io.accessproof.workflows.model;

import java.util.List;

/**
 * The customer-visible state that Stripe's source of truth implies.
 *
 * @param plan     expected plan name when access is granted, else null
 * @param access   whether the customer should have access
 * @param features expected entitlement feature keys, empty when Stripe Entitlements are not used
 * @param reason   a sentence for operators: why this expectation (and why {@code NONE})
 * @param seats    the quantity paid for on the expected plan, when access is granted and Stripe says; else null
 */
public record Expectation(
        AccessChange change,
        String customerId,
        String subscriptionId,
        String plan,
        boolean access,
        List<String> features,
        String stripeStatus,
        String reason,
        Integer seats) {

    public Expectation {
        features = features == null ? List.of() : List.copyOf(features);
    }

    /** An expectation that says nothing about seats. */
    public Expectation(AccessChange change, String customerId, String subscriptionId, String plan, boolean access,
                       List<String> features, String stripeStatus, String reason) {
        this(change, customerId, subscriptionId, plan, access, features, stripeStatus, reason, null);
    }

    public Expectation withSeats(Integer paid) {
        return new Expectation(change, customerId, subscriptionId, plan, access, features, stripeStatus, reason, paid);
    }
}
