package io.accessproof.workflows.outcome;

import io.accessproof.workflows.model.Evidence;
import io.accessproof.workflows.model.Expectation;
import io.accessproof.workflows.model.Observation;
import io.accessproof.workflows.model.Receipt;
import io.accessproof.workflows.model.StripeEventFacts;
import java.util.List;

/** Builds an incident's evidence packet from what the run knows. Pure. */
final class IncidentEvidence {

    private IncidentEvidence() {
    }

    static Evidence of(String eventId, StripeEventFacts event, Expectation expected, Observation observed,
            List<Receipt> receipts, String reasonCode, Blindness stripe) {
        Receipt latest = receipts.isEmpty() ? null : receipts.get(receipts.size() - 1);
        String deploySha = latest != null && latest.deploySha() != null ? latest.deploySha()
                : observed != null ? observed.deploySha() : null;
        return new Evidence(
                eventId,
                event == null ? null : event.type(),
                firstNonNull(expected == null ? null : expected.customerId(), event == null ? null : event.customerId()),
                firstNonNull(expected == null ? null : expected.subscriptionId(),
                        event == null ? null : event.subscriptionId()),
                expected == null ? null : expected.plan(),
                expected == null ? null : expected.access(),
                observed == null ? null : observed.plan(),
                observed == null || !observed.reachable() ? null : observed.active(),
                observed == null ? null : observed.detail(),
                observed == null ? null : observed.observedAtMillis(),
                receipts,
                deploySha,
                reasonCode,
                stripe != null,
                stripe == null ? null : stripe.detail(),
                expected == null ? null : expected.seats(),
                observed == null ? null : observed.seats());
    }

    static String firstNonNull(String a, String b) {
        return a != null ? a : b;
    }
}
