package io.accessproof.workflows.outcome;

import io.accessproof.workflows.model.IncidentKind;
import io.accessproof.workflows.model.StripeEventFacts;

/** The one-line titles operators see in notifications; they say what the customer lives through. */
final class IncidentTitles {

    private IncidentTitles() {
    }

    static String title(IncidentKind kind, String eventId, StripeEventFacts event, String reasonCode) {
        String ref = (event == null ? "" : event.type() + " ") + "(" + eventId + ")";
        return switch (kind) {
            case ACCESS_NOT_GRANTED -> "Customer access did not change after Stripe event " + ref;
            case ACCESS_NOT_REVOKED -> "Customer access was not removed after Stripe event " + ref;
            case RECEIPT_FAILED -> "App reported failure applying Stripe event " + ref + ": " + reasonCode;
            case RECEIPT_CONTRADICTED ->
                    "App reported success but customer access did not change after Stripe event " + ref;
            case EVENT_NEVER_DELIVERED -> "Receipt for an event Stripe never delivered (" + eventId + ")";
            case DRIFT -> "Customer access drifted from Stripe after event " + ref;
        };
    }
}
