package io.accessproof.server.operators;

/** The owner of an operator's action did not answer in time; nothing was written, the operator may try again. */
public final class OperatorUnavailable extends RuntimeException {
    public OperatorUnavailable(String message) {
        super(message);
    }
}
