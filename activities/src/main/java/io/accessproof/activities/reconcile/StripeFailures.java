package io.accessproof.activities.reconcile;

import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.AuthenticationException;
import com.stripe.exception.PermissionException;
import com.stripe.exception.RateLimitException;
import com.stripe.exception.StripeException;
import io.accessproof.workflows.FailureType;
import io.temporal.failure.ApplicationFailure;
import java.util.regex.Pattern;

/**
 * Maps stripe-java exceptions to Temporal failures: what a retry can fix is retryable (429, 409,
 * 5xx, network), every other 4xx is non-retryable with a {@link FailureType} name as its type.
 * Messages carry ids, status, Stripe's own words (with any key masked) and its request id; never a payload.
 */
final class StripeFailures {
    /** Stripe masks keys in its messages; an emulator or proxy might not, so every key-like token is masked here. */
    private static final Pattern KEY = Pattern.compile("\\b([sr]k_(?:test|live))_[A-Za-z0-9*]+");

    private StripeFailures() {
    }

    /** @param readBy with which key's mode, on which account, for which event's mode the read was made */
    static ApplicationFailure toFailure(StripeException e, String objectId, String readBy) {
        Integer status = e.getStatusCode();
        String what = describe(e);
        if (e instanceof RateLimitException || e instanceof ApiConnectionException
                || status == null || status == 429 || status == 409 || status >= 500) {
            return ApplicationFailure.newFailure(
                    "Stripe call for " + objectId + " failed, will retry: " + what, e.getClass().getSimpleName());
        }
        // stripe-java's PermissionException (403) extends AuthenticationException (401): ask for it first.
        if (e instanceof PermissionException || status == 403) {
            return ApplicationFailure.newNonRetryableFailure(
                    "Stripe answered 403 for " + objectId + ": the API key lacks a permission (" + what + ")",
                    FailureType.STRIPE_PERMISSION.name());
        }
        if (e instanceof AuthenticationException || status == 401) {
            return ApplicationFailure.newNonRetryableFailure(
                    "Stripe answered 401 for " + objectId + ": it refuses the API key (" + what + ")",
                    FailureType.STRIPE_KEY_REFUSED.name());
        }
        if (status == 404) {
            return ApplicationFailure.newNonRetryableFailure("Stripe answered 404 for " + objectId + " read with "
                    + readBy + ": " + what, FailureType.STRIPE_NOT_FOUND.name());
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
            sb.append(" message=\"").append(masked(e.getStripeError().getMessage())).append('"');
        } else if (e instanceof ApiConnectionException && e.getCause() != null) {
            sb.append(" cause=").append(e.getCause().getClass().getSimpleName());
        }
        if (e.getRequestId() != null) {
            sb.append(" request=").append(e.getRequestId());
        }
        return sb.toString();
    }

    static String masked(String text) {
        return KEY.matcher(text).replaceAll("$1_***");
    }
}
