package io.accessproof.workflows.model;

/** Asks whether a newer run exists for the same subscription. */
public record SupersessionCheck(String eventId, String subscriptionId, long eventCreated) {
}
