package io.accessproof.workflows.model;

/** Reconcile the objects behind one event from Stripe's API. */
public record ReconcileRequest(String eventId, StripeEventFacts event) {
}
