package io.accessproof.workflows.model;

/** Read the app's customer-visible state for one customer. */
public record ProbeRequest(String eventId, String customerId, Expectation expected) {
}
