package io.accessproof.workflows;

/** Failure types raised by activities and workflows; {@code name()} is the {@code ApplicationFailure} type. */
public enum FailureType {
    /** Stripe answered 404: the object behind the event does not exist (or not on this account). */
    STRIPE_NOT_FOUND,
    /** Stripe answered 401: it refuses the API key (invalid, expired, revoked). */
    STRIPE_KEY_REFUSED,
    /** Stripe answered 403 (or, before STRIPE_KEY_REFUSED, 401): the API key lacks a permission. */
    STRIPE_PERMISSION,
    /** Stripe answered another 4xx that no retry can fix. */
    STRIPE_INVALID_REQUEST,
    /** No permit of accessproof's own shared Stripe budget within the wait: retried, and never an outage. */
    STRIPE_RATE_LIMITED,
    /** The probe is configured in a way that can never succeed (bad URL, bad query). */
    PROBE_MISCONFIGURED,
    /** A receipt names a customer other than the run's. */
    RECEIPT_CONTRADICTS_RUN,
    /** A receipt is not well formed (unknown status, missing ids). */
    RECEIPT_MALFORMED,
    /** A notification sink failed in a way a retry may fix (5xx, 429, timeout, connection refused). */
    NOTIFICATION_FAILED,
    /** Every failing notification sink answered a 4xx that no retry can fix (bad URL, bad routing key). */
    NOTIFICATION_REJECTED
}
