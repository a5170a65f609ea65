package io.accessproof.activities.runs;

import io.accessproof.workflows.model.RunState;
import java.time.Duration;

/** Told each time a run reaches a verdict (metrics); a retried step may tell twice. */
public interface RunOutcomes {
    RunOutcomes NONE = (eventType, state, sinceStripeEvent) -> { };

    /**
     * @param eventType        the Stripe event's type, or null for a run a receipt created without one
     * @param sinceStripeEvent from the event's {@code created} (Stripe's clock) to the verdict; null without an event
     */
    void reached(String eventType, RunState state, Duration sinceStripeEvent);
}
