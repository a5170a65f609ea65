package io.accessproof.workflows.outcome;

import io.accessproof.workflows.FailureType;
import io.accessproof.workflows.UpdateRejections;
import io.accessproof.workflows.model.Receipt;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The receipts a run has accepted, in arrival order, idempotent on the receipt id. */
final class ReceiptBook {
    private final Map<String, Receipt> byId = new LinkedHashMap<>();

    /** Returns false when a receipt with this id is already in the book. */
    boolean add(Receipt receipt) {
        return byId.putIfAbsent(receipt.receiptId(), receipt) == null;
    }

    boolean anyProcessed() {
        return byId.values().stream().anyMatch(Receipt::processed);
    }

    Receipt latestFailed() {
        Receipt failed = null;
        for (Receipt receipt : byId.values()) {
            if (Receipt.FAILED.equals(receipt.status())) {
                failed = receipt;
            }
        }
        return failed;
    }

    List<Receipt> all() {
        return List.copyOf(new ArrayList<>(byId.values()));
    }

    /**
     * Why this receipt cannot belong to the run, as the failure an update validator throws; null when it
     * may. Reads nothing but its arguments, so a validator may call it.
     */
    static ApplicationFailure rejection(Receipt receipt, String runEventId, String runCustomerId) {
        if (receipt == null || receipt.receiptId() == null || receipt.receiptId().isBlank()) {
            return failure(FailureType.RECEIPT_MALFORMED, "receipt without a receipt id");
        }
        if (!Receipt.PROCESSED.equals(receipt.status()) && !Receipt.FAILED.equals(receipt.status())) {
            return failure(FailureType.RECEIPT_MALFORMED,
                    "receipt " + receipt.receiptId() + " has unknown status " + receipt.status());
        }
        if (receipt.eventId() != null && !receipt.eventId().equals(runEventId)) {
            return failure(FailureType.RECEIPT_CONTRADICTS_RUN, "receipt " + receipt.receiptId() + " names event "
                    + receipt.eventId() + ", this run proves " + runEventId);
        }
        if (receipt.customerId() != null && runCustomerId != null && !receipt.customerId().equals(runCustomerId)) {
            return failure(FailureType.RECEIPT_CONTRADICTS_RUN, "receipt " + receipt.receiptId() + " names customer "
                    + receipt.customerId() + ", the run's customer is " + runCustomerId);
        }
        return null;
    }

    private static ApplicationFailure failure(FailureType type, String message) {
        return UpdateRejections.reject(type, message);
    }

    static String note(Receipt receipt) {
        String note = "receipt " + receipt.receiptId() + " " + receipt.status();
        if (receipt.reasonCode() != null) {
            note += ": " + receipt.reasonCode();
        }
        return receipt.deploySha() == null ? note : note + " (deploy " + receipt.deploySha() + ")";
    }
}
