package io.accessproof.activities.incidents;

import io.accessproof.workflows.model.IncidentKind;

/** What an operator does about an incident that says accessproof could not check; null for access kinds. */
final class CannotVerifyActions {
    private CannotVerifyActions() {
    }

    static String forKind(IncidentKind kind) {
        return switch (kind) {
            case STRIPE_AUTH -> "Stripe refused accessproof's API key or a permission it needs (see stripe_detail): "
                    + "issue a key that reads subscriptions, invoices, checkout sessions, customers and entitlements, "
                    + "set stripe.apiKey and restart; the runs re-check on their own and resolve this incident.";
            case STRIPE_NOT_FOUND -> "Stripe shows accessproof's key no such object: check that the key belongs to "
                    + "the account and mode (test/live) the event came from, and stripe.apiBase.";
            case STRIPE_REJECTED -> "Stripe rejected accessproof's read as invalid (see stripe_detail); report it "
                    + "with the event id.";
            case STRIPE_UNAVAILABLE -> "Stripe could not be read before the deadline (outage, rate limit, network): "
                    + "check status.stripe.com and accessproof's outbound network; the run keeps re-checking.";
            case APP_UNREACHABLE -> "The app's access probe did not answer before the deadline: check the probe URL "
                    + "or query (proving.http / proving.sql) and the app's health; the run keeps re-checking.";
            case RUN_STALLED -> "The run's workflow stopped making progress (terminated outside accessproof, "
                    + "failed, timed out, or stuck after a deploy: see reason_code and the Temporal link); fix the "
                    + "cause, then ./accessproof runs retry EVENT_ID starts it again.";
            default -> null;
        };
    }
}
