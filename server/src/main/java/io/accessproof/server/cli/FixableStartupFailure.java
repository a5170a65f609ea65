package io.accessproof.server.cli;

/** A start-up failure whose message tells the user all they need to fix it; printed as one line. */
public class FixableStartupFailure extends RuntimeException {
    public FixableStartupFailure(String message) {
        super(message);
    }
}
