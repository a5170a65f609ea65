package io.accessproof.workflows.model;

/** The run's synchronous answer to a receipt. */
public record ReceiptAnswer(String eventId, String receiptId, boolean duplicate, String state) {
}
