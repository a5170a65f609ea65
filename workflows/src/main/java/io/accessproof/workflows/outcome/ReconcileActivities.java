package io.accessproof.workflows.outcome;

import io.accessproof.workflows.model.Expectation;
import io.accessproof.workflows.model.ReconcileRequest;
import io.temporal.activity.ActivityInterface;

/** Reads Stripe's source of truth. */
@ActivityInterface
public interface ReconcileActivities {

    /**
     * Fetches the current object behind the event from Stripe's API (honouring the event's Connect
     * account), updates the local subscription mirror without ever letting an older object overwrite a
     * newer one, and derives the expectation. Idempotent on the event id. Throws a non-retryable
     * {@code ApplicationFailure} of type {@code STRIPE_NOT_FOUND}, {@code STRIPE_PERMISSION} or
     * {@code STRIPE_INVALID_REQUEST} when no retry can succeed; 429 and 5xx are retried.
     */
    Expectation reconcile(ReconcileRequest request);
}
