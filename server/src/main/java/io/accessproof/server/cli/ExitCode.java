package io.accessproof.server.cli;

import net.sourceforge.argparse4j.inf.ArgumentParserException;

/** The exit codes of the operator commands; scripts rely on them, the README lists them. */
public enum ExitCode {
    OK(0),
    /** The answer is not yes: the customer lacks what they paid for, a drill or a bulk job failed. */
    NO(1),
    USAGE(2),
    NOT_FOUND(3),
    /** The API refused: 401, 409 or 422, with its message. */
    REFUSED(4),
    /** The server could not be reached or answered 5xx. */
    UNAVAILABLE(5);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The code a process ends with after this failure; other commands' failures keep Dropwizard's 1. */
    public static ExitCode of(Throwable failure) {
        if (failure == null) {
            return OK;
        }
        if (failure instanceof CliFailure f) {
            return f.exitCode();
        }
        if (failure instanceof ArgumentParserException) {
            return USAGE;
        }
        return NO;
    }

    /** The code for an API answer that is not a success. */
    static ExitCode forStatus(int status) {
        if (status == 404) {
            return NOT_FOUND;
        }
        if (status >= 500) {
            return UNAVAILABLE;
        }
        return REFUSED;
    }
}
