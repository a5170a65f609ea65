package io.accessproof.server.support;

import io.accessproof.devkit.standins.EmbeddedTemporal;
import io.accessproof.server.temporal.LocalTemporal;

/** The embedded Temporal the tests' applications run on (the dev build wires the same server). */
public final class TestTemporal {
    public static final LocalTemporal EMBEDDED = port -> {
        EmbeddedTemporal server = EmbeddedTemporal.start(port);
        return new LocalTemporal.Running(server.channel(), server);
    };

    private TestTemporal() {
    }
}
