package io.accessproof.server.cli;

/**
 * Ends an operator command with an exit code. The message is printed on stderr in one line; an empty
 * message prints nothing (the command has already said what happened, e.g. "No: …").
 */
public final class CliFailure extends RuntimeException {
    private final ExitCode exitCode;

    public CliFailure(ExitCode exitCode, String message) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    public static CliFailure usage(String message) {
        return new CliFailure(ExitCode.USAGE, message);
    }

    /** The command printed its own verdict; only the exit code is left to give. */
    public static CliFailure silent(ExitCode exitCode) {
        return new CliFailure(exitCode, "");
    }

    public ExitCode exitCode() {
        return exitCode;
    }
}
