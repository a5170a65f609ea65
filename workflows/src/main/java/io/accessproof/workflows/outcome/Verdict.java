package io.accessproof.workflows.outcome;

import io.accessproof.workflows.model.AccessChange;
import io.accessproof.workflows.model.Expectation;
import io.accessproof.workflows.model.IncidentKind;
import io.accessproof.workflows.model.Observation;
import io.accessproof.workflows.model.ProbeKind;
import io.accessproof.workflows.model.ProofSource;
import java.util.Objects;

/** Compares what Stripe says should be true with what the app shows. Pure: no Temporal calls. */
public final class Verdict {
    static final String SEATS_MISMATCH = "seats_mismatch";

    private Verdict() {
    }

    /** Null when the observation proves the expectation, else a reason code for the evidence. */
    public static String mismatch(Expectation expected, Observation observed) {
        if (expected == null) {
            return "stripe_unavailable";
        }
        if (observed == null) {
            return "not_probed";
        }
        if (!observed.reachable()) {
            return "app_unreachable";
        }
        if (expected.change() == AccessChange.REVOKE) {
            return observed.active() ? "access_still_active" : null;
        }
        if (!observed.active()) {
            return "access_not_active";
        }
        if (!Objects.equals(expected.plan(), observed.plan())) {
            return "plan_mismatch";
        }
        if (!expected.features().isEmpty() && !observed.features().containsAll(expected.features())) {
            return "features_missing";
        }
        if (expected.seats() != null && observed.seats() != null && !expected.seats().equals(observed.seats())) {
            return SEATS_MISMATCH;
        }
        return null;
    }

    static boolean matches(Expectation expected, Observation observed) {
        return mismatch(expected, observed) == null;
    }

    /** What proves the run now, or null when it is not proven yet. */
    static ProofSource proof(ProbeKind probe, Expectation expected, Observation observed, boolean processedReceipt) {
        if (expected == null) {
            return null;
        }
        if (probe == ProbeKind.RECEIPT) {
            return processedReceipt ? ProofSource.RECEIPT : null;
        }
        if (!matches(expected, observed)) {
            return null;
        }
        return processedReceipt ? ProofSource.BOTH : ProofSource.PROBE;
    }

    static IncidentKind kindAtDeadline(RunProgress run) {
        return kindAtDeadline(run.policy.probe(), run.expected, run.observed, run.receipts.anyProcessed(),
                run.stripeBlind);
    }

    static String reasonAtDeadline(RunProgress run) {
        return reasonAtDeadline(run.policy.probe(), run.expected, run.observed, run.receipts.anyProcessed(),
                run.stripeBlind);
    }

    /** The reason code of an incident opened at the deadline. */
    static String reasonAtDeadline(ProbeKind probe, Expectation expected, Observation observed,
            boolean processedReceipt, Blindness stripe) {
        if (expected == null) {
            return stripe != null ? stripe.reasonCode() : "stripe_unavailable";
        }
        if (probe == ProbeKind.RECEIPT) {
            return "no_receipt";
        }
        String mismatch = mismatch(expected, observed);
        return processedReceipt ? "receipt_contradicted_" + mismatch : mismatch;
    }

    /**
     * The kind of incident opened at the deadline: cannot-verify when Stripe or the app could not be read
     * (an error is never a verdict on the app), else the access kind.
     */
    static IncidentKind kindAtDeadline(ProbeKind probe, Expectation expected, Observation observed,
            boolean processedReceipt, Blindness stripe) {
        if (expected == null) {
            return stripe != null ? stripe.kind() : IncidentKind.STRIPE_UNAVAILABLE;
        }
        if (probe != ProbeKind.RECEIPT && observed != null && !observed.reachable()) {
            return IncidentKind.APP_UNREACHABLE;
        }
        if (processedReceipt && probe != ProbeKind.RECEIPT) {
            return IncidentKind.RECEIPT_CONTRADICTED;
        }
        if (expected.change() == AccessChange.REVOKE) {
            return IncidentKind.ACCESS_NOT_REVOKED;
        }
        return SEATS_MISMATCH.equals(mismatch(expected, observed)) ? IncidentKind.SEATS_MISMATCH
                : IncidentKind.ACCESS_NOT_GRANTED;
    }
}
