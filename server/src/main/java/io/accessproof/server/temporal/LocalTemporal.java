package io.accessproof.server.temporal;

import io.grpc.ManagedChannel;

/**
 * A Temporal server started inside this process for {@code temporal.embedded: true}. Only the dev build
 * supplies one (the devkit's test server); the production jar has none and says so.
 */
@FunctionalInterface
public interface LocalTemporal {
    LocalTemporal NONE = port -> {
        throw new IllegalStateException("temporal.embedded is a development setting and this build has no embedded"
                + " Temporal: run ./accessproof dev, or set temporal.target to a Temporal server");
    };

    /** Starts the server bound to 127.0.0.1:{@code port}. */
    Running start(int port);

    /** The channel this process reaches the server through, and how to stop it. */
    record Running(ManagedChannel channel, AutoCloseable server) {
    }
}
