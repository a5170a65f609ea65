package io.accessproof.activities.reconcile;

import io.accessproof.workflows.model.Expectation;
import io.accessproof.workflows.model.ReconcileRequest;
import io.accessproof.workflows.outcome.ReconcileActivities;

/**
 * Reconcile for an app whose probe shows no entitlement features: the expectation keeps plan and access
 * and drops Stripe's feature keys, which such a probe could never confirm.
 */
public final class PlanOnlyReconcile implements ReconcileActivities {
    private final ReconcileActivities stripe;

    public PlanOnlyReconcile(ReconcileActivities stripe) {
        this.stripe = stripe;
    }

    @Override
    public Expectation reconcile(ReconcileRequest request) {
        Expectation e = stripe.reconcile(request);
        return new Expectation(e.change(), e.customerId(), e.subscriptionId(), e.plan(), e.access(), null,
                e.stripeStatus(), e.reason(), e.seats());
    }
}
