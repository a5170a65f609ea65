package io.accessproof.activities.reconcile;

/** Whether a {@code past_due} subscription still entitles the customer to access (Stripe's dunning window). */
public enum PastDuePolicy {
    /** past_due → GRANT: the app keeps access while Stripe retries the payment. */
    KEEP_ACCESS,
    /** past_due → REVOKE: the app removes access as soon as a payment fails. */
    REVOKE_ACCESS;

    public static PastDuePolicy of(boolean pastDueGrantsAccess) {
        return pastDueGrantsAccess ? KEEP_ACCESS : REVOKE_ACCESS;
    }
}
