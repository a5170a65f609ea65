package io.accessproof.server.support;

import io.accessproof.server.AccessproofApplication;
import io.accessproof.server.AccessproofConfiguration;
import io.accessproof.server.cli.ExitCode;
import io.accessproof.server.cli.Terminal;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.util.JarLocation;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Runs the accessproof command line in-process, as {@code java -jar accessproof.jar …} would. */
public final class CliRunner {
    private CliRunner() {
    }

    /** What a command printed, and the failure it ended with (empty when it succeeded). */
    public record Result(boolean succeeded, String stdout, String stderr, Optional<Throwable> failure,
                         Bootstrap<AccessproofConfiguration> bootstrap) {

        /** The exit code {@code java -jar accessproof.jar …} would end with. */
        public int exitCode() {
            return ExitCode.of(failure.orElse(null)).code();
        }

        /** The command that ran, to reach what it started (e.g. the server of {@code dev}). */
        public <C> C command(String name, Class<C> type) {
            return type.cast(bootstrap.getCommands().stream().filter(c -> c.getName().equals(name)).findFirst()
                    .orElseThrow());
        }
    }

    public static Result run(String... args) throws Exception {
        return run(Map.of(), args);
    }

    /** Runs with this environment (e.g. {@code ACCESSPROOF_URL}) in place of the process's. */
    public static Result run(Map<String, String> env, String... args) throws Exception {
        return runWith(terminal -> new AccessproofApplication(terminal, TestTemporal.EMBEDDED), env, args);
    }

    /** Runs another build of the command line (the dev module's), made for the captured terminal. */
    public static Result runWith(Function<Terminal, ? extends AccessproofApplication> build, Map<String, String> env,
                                 String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream commandOut = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream commandErr = new PrintStream(err, true, StandardCharsets.UTF_8);
        AccessproofApplication application = build.apply(new Terminal(commandOut, commandErr, env, false));
        Bootstrap<AccessproofConfiguration> bootstrap = new Bootstrap<>(application);
        bootstrapCommands(application, bootstrap);
        Cli cli = new Cli(new JarLocation(AccessproofApplication.class), bootstrap, out, err);
        Optional<Throwable> failure = cli.run(args);
        cli.getStdOut().flush();
        cli.getStdErr().flush();
        commandOut.flush();
        commandErr.flush();
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
