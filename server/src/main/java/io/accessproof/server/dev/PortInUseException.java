package io.accessproof.server.dev;

/** A port the dev stack needs is taken; the message names it and how to choose another. */
public final class PortInUseException extends RuntimeException {
    public PortInUseException(String message) {
        super(message);
    }
}
