package io.accessproof.workflows.outcome;

import io.accessproof.workflows.model.Expectation;
import io.accessproof.workflows.model.IncidentKind;
import io.accessproof.workflows.model.StripeEventFacts;
import java.util.Set;

/**
 * The one-line titles operators see in notifications. Access kinds say what the customer lives through;
 * cannot-verify kinds say what accessproof could not check and what to fix, and accuse nobody.
 */
public final class IncidentTitles {

    private IncidentTitles() {
    }

    /** Subscription statuses that grant nothing by themselves. */
    private static final Set<String> ENDED = Set.of("canceled", "unpaid", "incomplete_expired", "paused");

    public static String title(IncidentKind kind, String eventId, StripeEventFacts event, String reasonCode) {
        return title(kind, eventId, event, reasonCode, null);
    }

    /**
     * @param expected the run's expectation: when the event's own subscription ended while the customer still
     *                 pays for another, the title says so
     */
    public static String title(IncidentKind kind, String eventId, StripeEventFacts event, String reasonCode,
                               Expectation expected) {
        String ref = (event == null ? "" : event.type() + " ") + "(" + eventId + ")";
        return switch (kind) {
            case ACCESS_NOT_GRANTED -> stillPaysForAnother(expected)
                    ? "Customer access was removed although the customer still pays for " + expected.plan()
                            + " (Stripe event " + ref + ")"
                    : "Customer access did not change after Stripe event " + ref;
            case ACCESS_NOT_REVOKED -> "Customer access was not removed after Stripe event " + ref;
            case SEATS_MISMATCH -> "Customer has another number of seats than paid for"
                    + (expected != null && expected.seats() != null ? " (" + expected.seats() + ")" : "")
                    + " after Stripe event " + ref;
            case RECEIPT_FAILED -> "App reported failure applying Stripe event " + ref + ": " + reasonCode;
            case RECEIPT_CONTRADICTED ->
                    "App reported success but customer access did not change after Stripe event " + ref;
            case EVENT_NEVER_DELIVERED -> "Receipt for an event Stripe never delivered (" + eventId + ")";
            case DRIFT -> "Customer access drifted from Stripe after event " + ref;
            case STRIPE_AUTH -> "Cannot verify Stripe event " + ref + ": Stripe refused accessproof's API key"
                    + ("stripe_permission_missing".equals(reasonCode) ? " a permission" : "")
                    + "; fix stripe.apiKey";
            case STRIPE_NOT_FOUND -> "Cannot verify Stripe event " + ref + ": Stripe shows accessproof's key no such "
                    + "object; check the key's account and mode";
            case STRIPE_REJECTED -> "Cannot verify Stripe event " + ref + ": Stripe rejected accessproof's read";
            case STRIPE_UNAVAILABLE -> "Cannot verify Stripe event " + ref + ": Stripe could not be read before the "
                    + "deadline; access not checked";
            case APP_UNREACHABLE -> "Cannot verify Stripe event " + ref + ": the app's access could not be probed "
                    + "before the deadline; check the probe";
            case RUN_STALLED -> "Cannot verify Stripe event " + ref + ": its run stalled (" + reasonCode
                    + "); nobody is proving it";
        };
    }

    private static boolean stillPaysForAnother(Expectation expected) {
        return expected != null && expected.access() && ENDED.contains(expected.stripeStatus());
    }
}
