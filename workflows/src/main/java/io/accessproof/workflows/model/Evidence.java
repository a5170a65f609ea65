package io.accessproof.workflows.model;

import java.util.List;

/**
 * The evidence packet of an incident: everything an operator needs to act without opening five tools.
 * The incident activity adds accessproof's version, the Temporal link and the retry command.
 */
public record Evidence(
        String eventId,
        String eventType,
        String customerId,
        String subscriptionId,
        String expectedPlan,
        Boolean expectedAccess,
        String observedPlan,
        Boolean observedAccess,
        String lastProbeDetail,
        Long lastProbeAtMillis,
        List<Receipt> receipts,
        String deploySha,
        String reasonCode,
        boolean stripeStillRetrying,
        String stripeDetail,
        Integer expectedSeats,
        Integer observedSeats) {

    public Evidence {
        receipts = receipts == null ? List.of() : List.copyOf(receipts);
    }

    /** Evidence that says nothing about seats. */
    public Evidence(String eventId, String eventType, String customerId, String subscriptionId, String expectedPlan,
                    Boolean expectedAccess, String observedPlan, Boolean observedAccess, String lastProbeDetail,
                    Long lastProbeAtMillis, List<Receipt> receipts, String deploySha, String reasonCode,
                    boolean stripeStillRetrying, String stripeDetail) {
        this(eventId, eventType, customerId, subscriptionId, expectedPlan, expectedAccess, observedPlan,
                observedAccess, lastProbeDetail, lastProbeAtMillis, receipts, deploySha, reasonCode,
                stripeStillRetrying, stripeDetail, null, null);
    }
}
