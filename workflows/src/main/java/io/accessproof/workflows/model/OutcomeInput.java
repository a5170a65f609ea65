package io.accessproof.workflows.model;

/**
 * The input of a run. {@code event} is null when a receipt created the run before its Stripe event was
 * dispatched; the event then arrives by the {@code eventArrived} signal.
 */
public record OutcomeInput(String eventId, StripeEventFacts event, ProvingPolicy policy) {

    public static OutcomeInput awaitingEvent(String eventId, ProvingPolicy policy) {
        return new OutcomeInput(eventId, null, policy);
    }
}
