package io.accessproof.server.secrets;

/** {@code server} refuses to start: a secret is missing, blank, a placeholder, a development default or too short. */
public final class UnsafeSecretsException extends IllegalStateException {
    public UnsafeSecretsException(String message) {
        super(message);
    }
}
