package io.accessproof.server.cli;

import io.accessproof.server.database.DatabaseUnavailableException;
import io.accessproof.server.secrets.UnsafeSecretsException;
import io.dropwizard.core.cli.Cli;
import java.net.BindException;

/** Start-up failures a user can fix get one clear line instead of a stack trace. */
public final class PlainErrors {
    private PlainErrors() {
    }

    /** Prints the plain message and returns true when the failure is one of those; else false. */
    public static boolean print(Cli cli, String command, Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DatabaseUnavailableException || t instanceof FixableStartupFailure
                    || t instanceof BindException || t instanceof UnsafeSecretsException) {
                cli.getStdErr().println("accessproof " + command + ": " + t.getMessage());
                cli.getStdErr().flush();
                return true;
            }
        }
        return false;
    }
}
