package io.accessproof.workflows.outcome;

import io.accessproof.workflows.FailureType;
import io.accessproof.workflows.model.IncidentKind;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import java.util.Set;

/** Reads a failed reconcile: was it Stripe saying "this can never work", or Stripe not answering? */
final class StripeFailures {
    private static final Set<String> FINAL = Set.of(FailureType.STRIPE_NOT_FOUND.name(),
            FailureType.STRIPE_KEY_REFUSED.name(), FailureType.STRIPE_PERMISSION.name(),
            FailureType.STRIPE_INVALID_REQUEST.name());

    private StripeFailures() {
    }

    /** The application failure behind a final Stripe answer, or null (timeout, retries exhausted…). */
    static ApplicationFailure finalAnswer(ActivityFailure failure) {
        return failure.getCause() instanceof ApplicationFailure app && FINAL.contains(app.getType()) ? app : null;
    }

    /** What a failed reconcile leaves the run unable to see. */
    static Blindness blindness(ActivityFailure failure) {
        Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
        String detail = cause instanceof ApplicationFailure app ? app.getOriginalMessage() : cause.getMessage();
        ApplicationFailure answer = finalAnswer(failure);
        if (answer == null && lastAttemptWasOwnBudget(failure)) {
            return new Blindness(IncidentKind.STRIPE_UNAVAILABLE, Blindness.OWN_BUDGET, detail, false);
        }
        if (answer == null) {
            return new Blindness(IncidentKind.STRIPE_UNAVAILABLE, "stripe_unavailable", detail, false);
        }
        return switch (FailureType.valueOf(answer.getType())) {
            case STRIPE_KEY_REFUSED -> new Blindness(IncidentKind.STRIPE_AUTH, "stripe_key_refused", detail, true);
            case STRIPE_PERMISSION -> new Blindness(IncidentKind.STRIPE_AUTH, "stripe_permission_missing", detail, true);
            case STRIPE_NOT_FOUND -> new Blindness(IncidentKind.STRIPE_NOT_FOUND, "stripe_not_found", detail, true);
            default -> new Blindness(IncidentKind.STRIPE_REJECTED, "stripe_rejected", detail, true);
        };
    }

    /** The retries ran out (or the budget did) while the last attempt waited for a permit of our own budget. */
    private static boolean lastAttemptWasOwnBudget(ActivityFailure failure) {
        for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof ApplicationFailure app) {
                return FailureType.STRIPE_RATE_LIMITED.name().equals(app.getType());
            }
        }
        return false;
    }

    /** "Stripe answered 404 for sub_…: nothing to prove (message)"; only runs from before cannot-verify incidents. */
    static String nothingToProve(ApplicationFailure app, String objectId) {
        String status = switch (FailureType.valueOf(app.getType())) {
            case STRIPE_NOT_FOUND -> "404";
            case STRIPE_PERMISSION -> "401/403";
            default -> "a 4xx";
        };
        return "Stripe answered " + status + " for " + objectId + ": nothing to prove (" + app.getOriginalMessage()
                + ")";
    }
}
