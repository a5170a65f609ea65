package io.accessproof.devkit.demoapp;

import java.util.Locale;

/** How the demo app misbehaves for a customer (or everyone). */
public enum FaultMode {
    /** apply, answer 200, send a processed receipt */
    OK,
    /** answer 200, apply nothing, send nothing */
    DROP,
    /** answer 200, apply and send the receipt N seconds later */
    DELAY,
    /** apply a different plan than the one paid for */
    WRONG_PLAN,
    /** answer 500, apply nothing: Stripe retries */
    FAIL,
    /** apply nothing, send a failed receipt */
    RECEIPT_FAILED,
    /** apply nothing, send a processed receipt */
    LIE,
    /** apply as ok, but {@code GET /access/{customer}} answers nothing for N seconds (default 30), then hangs up */
    HANG,
    /** apply each subscription event to the whole customer: cancelling one of two subscriptions revokes everything */
    LAST_EVENT_WINS,
    /** apply as ok, but grant one seat whatever quantity was paid for */
    ONE_SEAT;

    static FaultMode parse(String s) {
        return valueOf(s.trim().toUpperCase(Locale.ROOT));
    }

    String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
