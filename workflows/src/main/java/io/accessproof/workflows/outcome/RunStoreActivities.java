package io.accessproof.workflows.outcome;

import io.accessproof.workflows.model.RunTransition;
import io.accessproof.workflows.model.SupersessionCheck;
import io.temporal.activity.ActivityInterface;

/** Writes a run's business state to PostgreSQL, so it outlives any Temporal server. */
@ActivityInterface
public interface RunStoreActivities {

    /** Upserts the run's row and appends one timeline entry; idempotent on (event id, step). */
    void record(RunTransition transition);

    /**
     * Returns the event id of a newer run of the same subscription, or of the same customer about any of
     * their subscriptions (a later Stripe {@code created}, or the same second and a later event id), or null
     * when this run is the newest.
     */
    String newerRun(SupersessionCheck check);
}
