package io.accessproof.activities.reconcile;

import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.AuthenticationException;
import com.stripe.exception.PermissionException;
import com.stripe.exception.RateLimitException;
import com.stripe.exception.StripeException;
import io.accessproof.workflows.FailureType;
import io.temporal.failure.ApplicationFailure;

/**
 * Maps stripe-java exceptions to Temporal failures: what a retry can fix is retryable (429, 409,
 * 5xx, network), every other 4xx is non-retryable with a {@link FailureType} name as its type.
 * Messages carry ids, status and Stripe's request id; never the API key or a payload.
 */
final class StripeFailures {
    private StripeFailures() {
    }

    static ApplicationFailure toFailure(StripeException e, String objectId) {
        Integer status = e.getStatusCode();
        String what = describe(e);
        if (e instanceof RateLimitException || e instanceof ApiConnectionException
                || status == null || status == 429 || status == 409 || status >= 500) {
            return ApplicationFailure.newFailure(
                    "Stripe call for " + objectId + " failed, will retry: " + what, e.getClass().getSimpleName());
        }
        if (e instanceof AuthenticationException || e instanceof PermissionException || status == 401 || status == 403) {
            return ApplicationFailure.newNonRetryableFailure(
                    "Stripe answered " + status + " for " + objectId + ": the API key may not read it (" + what + ")",
                    FailureType.STRIPE_PERMISSION.name());
        }
        if (status == 404) {
            return ApplicationFailure.newNonRetryableFailure(
                    "Stripe answered 404 for " + objectId + ": " + what, FailureType.STRIPE_NOT_FOUND.name());
        }
        return ApplicationFailure.newNonRetryableFailure(
                "Stripe answered " + status + " for " + objectId + ": " + what, FailureType.STRIPE_INVALID_REQUEST.name());
    }

    private static String describe(StripeException e) {
        StringBuilder sb = new StringBuilder(e.getClass().getSimpleName());
        if (e.getStatusCode() != null) {
            sb.append(" status=").append(e.getStatusCode());
        }
        if (e.getCode() != null) {
            sb.append(" code=").append(e.getCode());
        }
        if (e.getStripeError() != null && e.getStripeError().getMessage() != null) {
            sb.append(" message=\"").append(e.getStripeError().getMessage()).append('"');
        } else if (e instanceof ApiConnectionException && e.getCause() != null) {
            sb.append(" cause=").append(e.getCause().getClass().getSimpleName());
        }
        if (e.getRequestId() != null) {
            sb.append(" request=").append(e.getRequestId());
        }
        return sb.toString();
    }
}
