package io.accessproof.devkit.load;

/** One Stripe event as sent: its id, type, the customer it concerns, and the exact JSON body. */
public record StripeEvent(String id, String type, String customerId, String payload) {
}
