package io.accessproof.dev;

import io.accessproof.server.cli.FixableStartupFailure;

/** A port the dev stack needs is taken; the message names it and how to choose another. */
public final class PortInUseException extends FixableStartupFailure {
    public PortInUseException(String message) {
        super(message);
    }
}
