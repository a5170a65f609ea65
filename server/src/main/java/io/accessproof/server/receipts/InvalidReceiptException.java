package io.accessproof.server.receipts;

/** A receipt body that is not a well-formed receipt; the message names the field. */
final class InvalidReceiptException extends Exception {
    InvalidReceiptException(String message) {
        super(message);
    }
}
