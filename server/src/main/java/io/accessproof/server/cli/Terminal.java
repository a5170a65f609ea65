package io.accessproof.server.cli;

import java.io.PrintStream;
import java.util.Map;

/**
 * Where the operator commands write and which environment they read: the process's own, or streams a
 * test captures (a Dropwizard command's {@code run} is not handed the CLI's streams).
 *
 * @param interactive whether progress may redraw one line (a person watches) or prints a line per step
 */
public record Terminal(PrintStream out, PrintStream err, Map<String, String> env, boolean interactive) {

    public static Terminal system() {
        return new Terminal(System.out, System.err, System.getenv(), System.console() != null);
    }

    String env(String name, String fallback) {
        String value = env.get(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
