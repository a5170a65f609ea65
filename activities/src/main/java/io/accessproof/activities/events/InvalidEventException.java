package io.accessproof.activities.events;

/** A correctly signed body that is not a Stripe event object; the message says what is missing. */
public final class InvalidEventException extends Exception {
    public InvalidEventException(String message) {
        super(message);
    }
}
