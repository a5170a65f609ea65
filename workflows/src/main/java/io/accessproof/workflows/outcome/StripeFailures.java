package io.accessproof.workflows.outcome;

import io.accessproof.workflows.FailureType;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import java.util.Set;

/** Reads a failed reconcile: was it Stripe saying "this can never work"? */
final class StripeFailures {
    private static final Set<String> FINAL = Set.of(FailureType.STRIPE_NOT_FOUND.name(),
            FailureType.STRIPE_PERMISSION.name(), FailureType.STRIPE_INVALID_REQUEST.name());

    private StripeFailures() {
    }

    /** The application failure behind a final Stripe answer, or null (timeout, retries exhausted…). */
    static ApplicationFailure finalAnswer(ActivityFailure failure) {
        return failure.getCause() instanceof ApplicationFailure app && FINAL.contains(app.getType()) ? app : null;
    }

    /** "Stripe answered 404 for sub_…: nothing to prove (message)". */
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
