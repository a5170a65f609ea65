package io.accessproof.workflows.sweep;

import io.temporal.activity.ActivityInterface;

/** The sweep's work: Stripe's event list against {@code stripe_events}. */
@ActivityInterface
public interface SweepActivities {

    /**
     * Lists Stripe's events of the request's types created in its window, every page, within the shared
     * Stripe budget, and stores (source {@code sweep}) each one accessproof has not: the outbox then starts its
     * run as for a webhook. Records progress in {@code sweeps} after every page. Idempotent.
     */
    SweepReport sweep(SweepRequest request);
}
