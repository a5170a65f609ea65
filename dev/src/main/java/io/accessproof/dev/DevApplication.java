package io.accessproof.dev;

import io.accessproof.devkit.standins.EmbeddedTemporal;
import io.accessproof.server.AccessproofApplication;
import io.accessproof.server.AccessproofConfiguration;
import io.accessproof.server.cli.Terminal;
import io.accessproof.server.temporal.LocalTemporal;
import io.dropwizard.core.setup.Bootstrap;

/**
 * The developer's build of accessproof: every production command, plus {@code dev}, {@code emulator},
 * {@code demo-app} and {@code loadgen}, and an embedded Temporal. The production jar has none of these.
 */
public final class DevApplication extends AccessproofApplication {
    /** Temporal's Java test server in this process. */
    public static final LocalTemporal EMBEDDED_TEMPORAL = port -> {
        EmbeddedTemporal server = EmbeddedTemporal.start(port);
        return new LocalTemporal.Running(server.channel(), server);
    };

    public DevApplication() {
        this(Terminal.system());
    }

    public DevApplication(Terminal terminal) {
        super(terminal, EMBEDDED_TEMPORAL);
    }

    public static void main(String[] args) throws Exception {
        new DevApplication().run(args);
    }

    @Override
    public void initialize(Bootstrap<AccessproofConfiguration> bootstrap) {
        super.initialize(bootstrap);
        bootstrap.addCommand(new DevCommand(this));
        bootstrap.addCommand(new EmulatorCommand());
        bootstrap.addCommand(new DemoAppCommand());
        bootstrap.addCommand(new LoadgenCommand());
    }
}
