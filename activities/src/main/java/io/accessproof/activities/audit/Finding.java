package io.accessproof.activities.audit;

import java.util.Locale;

/** What an audit found for one customer. */
public enum Finding {
    /** the app shows what Stripe says they pay for */
    RIGHT,
    /** Stripe says they pay; the app shows no access, or another plan */
    PAID_NO_ACCESS,
    /** Stripe says they pay for nothing; the app shows access (revenue leakage) */
    ACCESS_NOT_PAID,
    /** the app's probe did not answer for them */
    APP_UNREACHABLE,
    /** Stripe could not be read for them */
    CANNOT_VERIFY,
    /** nothing to assert: no subscription, or only ones whose payment is not confirmed yet */
    NOTHING_TO_ASSERT;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean wrong() {
        return this == PAID_NO_ACCESS || this == ACCESS_NOT_PAID;
    }
}
