package io.accessproof.activities.reconcile;

import com.stripe.StripeClient;
import io.accessproof.workflows.FailureType;
import io.temporal.failure.ApplicationFailure;
import java.util.Locale;
import java.util.Map;

/**
 * Whether Stripe accepts accessproof's API key right now: one read of the smallest list a reconcile
 * needs ({@code GET /v1/customers?limit=1}), inside the shared Stripe budget.
 */
public final class StripeKeyCheck {
    /** What Stripe answered: the key works, Stripe refuses it, Stripe could not be asked, or runs use the budget. */
    public enum Verdict { ACCEPTED, REFUSED, UNREACHABLE, BUDGET_BUSY }

    /** @param detail Stripe's words (keys masked) when it did not accept */
    public record Result(Verdict verdict, String keyMode, String detail) {
    }

    private final StripeReader reader;
    private final String keyMode;

    public StripeKeyCheck(StripeClient client, StripeRateLimiter limiter, String apiKey) {
        this.reader = new StripeReader(client, limiter, null);
        this.keyMode = modeOf(apiKey);
    }

    public Result check() {
        try {
            reader.get("/v1/customers", Map.of("limit", 1), "the customer list");
            return new Result(Verdict.ACCEPTED, keyMode, null);
        } catch (ApplicationFailure failure) {
            return new Result(verdictOf(failure.getType()), keyMode, failure.getOriginalMessage());
        }
    }

    private static Verdict verdictOf(String failureType) {
        if (FailureType.STRIPE_KEY_REFUSED.name().equals(failureType)
                || FailureType.STRIPE_PERMISSION.name().equals(failureType)) {
            return Verdict.REFUSED;
        }
        return StripeRateLimiter.RATE_LIMITED_TYPE.equals(failureType) ? Verdict.BUDGET_BUSY : Verdict.UNREACHABLE;
    }

    /** {@code live}, {@code test}, or {@code unknown} for a key that is neither a secret nor a restricted key. */
    static String modeOf(String apiKey) {
        if (apiKey == null) {
            return "unknown";
        }
        String key = apiKey.toLowerCase(Locale.ROOT);
        if (key.startsWith("sk_live_") || key.startsWith("rk_live_")) {
            return "live";
        }
        return key.startsWith("sk_test_") || key.startsWith("rk_test_") ? "test" : "unknown";
    }
}
