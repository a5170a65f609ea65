package io.accessproof.workflows.model;

/** What Stripe's truth says should happen to the customer's access. */
public enum AccessChange {
    /** Access must be granted (or kept) at the expected plan. */
    GRANT,
    /** Access must be removed. */
    REVOKE,
    /** The event implies no change of access; the run closes {@code not_applicable}. */
    NONE
}
