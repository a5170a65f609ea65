package io.accessproof.activities.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import com.stripe.Stripe;
import com.stripe.StripeClient;
import io.accessproof.workflows.FailureType;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Whether Stripe accepts accessproof's API key right now, one read per check inside the shared Stripe
 * budget, in turn: the smallest list a reconcile needs ({@code /v1/customers?limit=1}), the key's account
 * ({@code /v1/account}, for its id), and the webhook endpoints (their {@code api_version} against the one
 * stripe-java pins). A 401 to any of them is a refused key; a 403 only to the customer list (a restricted
 * key may lack the other two permissions, and then they are simply not shown).
 */
public final class StripeKeyCheck {
    /** What Stripe answered: the key works, Stripe refuses it, Stripe could not be asked, or runs use the budget. */
    public enum Verdict { ACCEPTED, REFUSED, UNREACHABLE, BUDGET_BUSY }

    /**
     * @param detail   Stripe's words (keys masked) when it did not accept
     * @param account  the key's account id, once read
     * @param warnings webhook endpoints that send another API version than stripe-java pins, once read
     */
    public record Result(Verdict verdict, String keyMode, String detail, String account, List<String> warnings) {
    }

    private enum Read { CUSTOMERS, ACCOUNT, WEBHOOK_ENDPOINTS }

    private final StripeReader reader;
    private final String keyMode;
    private int turn;
    private String account;
    private List<String> warnings = List.of();

    public StripeKeyCheck(StripeClient client, StripeRateLimiter limiter, String apiKey) {
        this.keyMode = StripeKeys.modeOf(apiKey);
        this.reader = new StripeReader(client, limiter, null, keyMode, null);
    }

    /** One read; called by one health-check thread at a time. */
    public synchronized Result check() {
        Read read = Read.values()[turn];
        turn = (turn + 1) % Read.values().length;
        try {
            remember(read, switch (read) {
                case CUSTOMERS -> reader.get("/v1/customers", Map.of("limit", 1), "the customer list");
                case ACCOUNT -> reader.get("/v1/account", Map.of(), "the key's account");
                case WEBHOOK_ENDPOINTS -> reader.get("/v1/webhook_endpoints", Map.of("limit", 100), "the webhook endpoints");
            });
            return result(Verdict.ACCEPTED, null);
        } catch (ApplicationFailure failure) {
            if (read != Read.CUSTOMERS && FailureType.STRIPE_PERMISSION.name().equals(failure.getType())) {
                return result(Verdict.ACCEPTED, null); // the key works; it may not read this, which is allowed
            }
            return result(verdictOf(failure.getType()), failure.getOriginalMessage());
        }
    }

    private void remember(Read read, JsonNode answer) {
        if (read == Read.ACCOUNT) {
            account = answer.path("id").asText(null);
        } else if (read == Read.WEBHOOK_ENDPOINTS) {
            List<String> found = new ArrayList<>();
            for (JsonNode endpoint : answer.path("data")) {
                String version = endpoint.path("api_version").asText(null);
                if (version != null && !version.equals(Stripe.API_VERSION)) {
                    found.add("webhook endpoint " + endpoint.path("id").asText() + " sends API version " + version
                            + ", stripe-java here pins " + Stripe.API_VERSION);
                }
            }
            warnings = List.copyOf(found);
        }
    }

    private Result result(Verdict verdict, String detail) {
        return new Result(verdict, keyMode, detail, account, warnings);
    }

    private static Verdict verdictOf(String failureType) {
        if (FailureType.STRIPE_KEY_REFUSED.name().equals(failureType)
                || FailureType.STRIPE_PERMISSION.name().equals(failureType)) {
            return Verdict.REFUSED;
        }
        return StripeRateLimiter.RATE_LIMITED_TYPE.equals(failureType) ? Verdict.BUDGET_BUSY : Verdict.UNREACHABLE;
    }
}
