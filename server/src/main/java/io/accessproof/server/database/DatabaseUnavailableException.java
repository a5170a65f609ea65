package io.accessproof.server.database;

/** PostgreSQL cannot be reached at start-up; the message names where it was looked for. */
public final class DatabaseUnavailableException extends RuntimeException {
    public DatabaseUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
