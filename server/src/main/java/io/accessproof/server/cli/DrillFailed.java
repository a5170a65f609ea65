package io.accessproof.server.cli;

/** A drill step that could not be carried out; the drill reports it and fails. */
final class DrillFailed extends RuntimeException {
    DrillFailed(String message) {
        super(message, null, false, false);
    }
}
