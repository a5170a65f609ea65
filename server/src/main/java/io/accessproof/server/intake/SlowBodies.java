package io.accessproof.server.intake;

import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.core.server.ServerFactory;
import io.dropwizard.jetty.ConnectorFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import io.dropwizard.util.DataSize;

/**
 * A sender that dribbles its body holds a request thread: unless the configuration says otherwise, the
 * application connectors fail a request whose body arrives slower than 1 KiB/s (Jetty answers 408).
 */
public final class SlowBodies {
    static final DataSize MINIMUM_RATE = DataSize.kibibytes(1);

    private SlowBodies() {
    }

    /** Called from {@code run}, before the server is built from its factory. */
    public static void refuseByDefault(ServerFactory factory) {
        if (factory instanceof DefaultServerFactory server) {
            for (ConnectorFactory connector : server.getApplicationConnectors()) {
                if (connector instanceof HttpConnectorFactory http && http.getMinRequestDataPerSecond().toBytes() == 0) {
                    http.setMinRequestDataPerSecond(MINIMUM_RATE);
                }
            }
        }
    }
}
