package io.accessproof.devkit.stripe;

/** The account, API version and request an event is attributed to; requestId null for background work. */
record EventOrigin(String account, String apiVersion, String requestId, String idempotencyKey) {
    static EventOrigin background(String account, String apiVersion) {
        return new EventOrigin(account, apiVersion, null, null);
    }
}
