package io.accessproof.workflows.model;

import java.util.Locale;

/**
 * The kinds of incident; at most one open incident per run. Access kinds say the app is wrong (accessproof
 * checked); cannot-verify kinds say accessproof could not check, and are never an access verdict.
 */
public enum IncidentKind {
    ACCESS_NOT_GRANTED, ACCESS_NOT_REVOKED, RECEIPT_FAILED, RECEIPT_CONTRADICTED, EVENT_NEVER_DELIVERED, DRIFT,
    /** The app grants the plan paid for, with another number of seats than the quantity paid for. */
    SEATS_MISMATCH,
    /** Stripe refused the API key (401) or a permission it needs (403). */
    STRIPE_AUTH,
    /** Stripe shows this key no such object: wrong account, wrong mode, deleted test data. */
    STRIPE_NOT_FOUND,
    /** Stripe rejected accessproof's read as invalid (another 4xx). */
    STRIPE_REJECTED,
    /** Stripe could not be read until the deadline: 5xx, 429, timeouts. */
    STRIPE_UNAVAILABLE,
    /** The app's access could not be probed until the deadline. */
    APP_UNREACHABLE,
    /** The run's workflow stopped progressing (found by the stall watchdog): nobody is proving the event. */
    RUN_STALLED;

    public boolean cannotVerify() {
        return ordinal() >= STRIPE_AUTH.ordinal();
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
