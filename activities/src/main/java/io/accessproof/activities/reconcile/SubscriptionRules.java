package io.accessproof.activities.reconcile;

import io.accessproof.store.mirror.MirroredSubscription;
import io.accessproof.workflows.model.AccessChange;
import io.accessproof.workflows.model.Expectation;
import java.util.List;

/** What a subscription status means for access. Pure; the plan is resolved by the caller. */
final class SubscriptionRules {
    private SubscriptionRules() {
    }

    /** The mirrored subscription's verdict; access granted carries the seats paid for. */
    static Expectation of(MirroredSubscription sub, List<String> features, PastDuePolicy pastDue) {
        return seats(expectation(sub.customerId(), sub.subscriptionId(), sub.status(), sub.plan(), features, pastDue),
                sub.quantity());
    }

    /** Access granted carries the quantity paid for as its seats; other verdicts have none. */
    static Expectation seats(Expectation verdict, Integer quantity) {
        return verdict.change() == AccessChange.GRANT ? verdict.withSeats(quantity) : verdict;
    }

    static Expectation expectation(String customerId, String subscriptionId, String status, String plan,
                                   List<String> features, PastDuePolicy pastDue) {
        String s = status == null ? "unknown" : status;
        return switch (s) {
            case "active", "trialing" -> grant(customerId, subscriptionId, s, plan, features,
                    "subscription " + s + (plan == null ? " (no plan resolved from its price)" : " on plan " + plan));
            case "past_due" -> pastDue == PastDuePolicy.KEEP_ACCESS
                    ? grant(customerId, subscriptionId, s, plan, features,
                            "subscription past_due: access kept while Stripe retries the payment (configured)")
                    : revoke(customerId, subscriptionId, s,
                            "subscription past_due: access removed on a failed payment (configured)");
            case "canceled", "unpaid", "incomplete_expired", "paused" ->
                    revoke(customerId, subscriptionId, s, "subscription " + s + ": no access");
            case "incomplete" -> new Expectation(AccessChange.NONE, customerId, subscriptionId, null, false,
                    List.of(), s, "subscription incomplete: payment not yet confirmed");
            default -> new Expectation(AccessChange.NONE, customerId, subscriptionId, null, false,
                    List.of(), s, "subscription status " + s + " is not known to accessproof: no access change asserted");
        };
    }

    private static Expectation grant(String customerId, String subscriptionId, String status, String plan,
                                     List<String> features, String reason) {
        return new Expectation(AccessChange.GRANT, customerId, subscriptionId, plan, true, features, status, reason);
    }

    private static Expectation revoke(String customerId, String subscriptionId, String status, String reason) {
        return new Expectation(AccessChange.REVOKE, customerId, subscriptionId, null, false, List.of(), status, reason);
    }
}
