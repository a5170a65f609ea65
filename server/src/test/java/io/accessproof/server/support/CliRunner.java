package io.accessproof.server.support;

import io.accessproof.server.AccessproofApplication;
import io.accessproof.server.AccessproofConfiguration;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.util.JarLocation;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Runs the accessproof command line in-process, as {@code java -jar accessproof.jar …} would. */
public final class CliRunner {
    private CliRunner() {
    }

    /** What a command printed, and the failure it ended with (empty when it succeeded). */
    public record Result(boolean succeeded, String stdout, String stderr, Optional<Throwable> failure,
                         Bootstrap<AccessproofConfiguration> bootstrap) {

        /** The command that ran, to reach what it started (e.g. the server of {@code dev}). */
        public <C> C command(String name, Class<C> type) {
            return type.cast(bootstrap.getCommands().stream().filter(c -> c.getName().equals(name)).findFirst()
                    .orElseThrow());
        }
    }

    public static Result run(String... args) throws Exception {
        AccessproofApplication application = new AccessproofApplication();
        Bootstrap<AccessproofConfiguration> bootstrap = new Bootstrap<>(application);
        bootstrapCommands(application, bootstrap);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Cli cli = new Cli(new JarLocation(AccessproofApplication.class), bootstrap, out, err);
        Optional<Throwable> failure = cli.run(args);
        cli.getStdOut().flush();
        cli.getStdErr().flush();
        return new Result(failure.isEmpty(), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8),
                failure, bootstrap);
    }

    /** Mirrors {@code Application.run(String...)}: default commands, then the application's own. */
    private static void bootstrapCommands(AccessproofApplication application,
                                          Bootstrap<AccessproofConfiguration> bootstrap) {
        application.addDefaultCommands(bootstrap);
        application.initialize(bootstrap);
    }
}
