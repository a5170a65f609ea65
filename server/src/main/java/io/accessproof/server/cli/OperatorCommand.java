package io.accessproof.server.cli;

import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.Command;
import io.dropwizard.core.setup.Bootstrap;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import net.sourceforge.argparse4j.inf.Subparsers;

/**
 * A command that talks to a running server's operator API ({@code --url}, {@code --token}, {@code --json})
 * and ends with an {@link ExitCode}. Subcommands ({@code runs list}, {@code runs show} …) are argparse
 * sub-parsers whose name lands in {@value #ACTION}.
 */
abstract class OperatorCommand extends Command {
    static final String ACTION = "action";
    static final String DEFAULT_URL = "http://127.0.0.1:8080";
    static final String DEV_TOKEN = "ap_dev_token";

    protected final Terminal terminal;

    OperatorCommand(String name, String description, Terminal terminal) {
        super(name, description);
        this.terminal = terminal;
    }

    /** Runs the chosen action; a {@link CliFailure} sets the exit code. */
    abstract void run(String action, Namespace namespace, ApiClient api, Output output);

    @Override
    public final void run(Bootstrap<?> bootstrap, Namespace namespace) {
        run(namespace.getString(ACTION), namespace, client(namespace, terminal), new Output(terminal,
                Boolean.TRUE.equals(namespace.getBoolean("json"))));
    }

    @Override
    public void onError(Cli cli, Namespace namespace, Throwable e) {
        if (e instanceof CliFailure failure) {
            if (!failure.getMessage().isEmpty()) {
                terminal.err().println("accessproof " + getName() + ": " + failure.getMessage());
            }
            terminal.err().flush();
            return;
        }
        super.onError(cli, namespace, e);
    }

    static Subparsers actions(Subparser subparser) {
        return subparser.addSubparsers().dest(ACTION).metavar("ACTION");
    }

    /** A subcommand with the connection options and {@code --json}. */
    static Subparser action(Subparsers actions, String name, String help) {
        Subparser action = actions.addParser(name).help(help).description(help);
        connection(action);
        action.addArgument("--json").action(Arguments.storeTrue())
                .help("print the API's JSON as it answered, for scripts");
        return action;
    }

    static void connection(Subparser parser) {
        parser.addArgument("--url").help("accessproof's URL (default: $ACCESSPROOF_URL, else " + DEFAULT_URL + ")");
        parser.addArgument("--token").help("operator API token (default: $ACCESSPROOF_API_TOKEN, else the dev token)");
    }

    static ApiClient client(Namespace namespace, Terminal terminal) {
        String url = namespace.getString("url");
        String token = namespace.getString("token");
        if (token == null) {
            // The server takes a comma-separated list; the first one is this operator's.
            token = terminal.env("ACCESSPROOF_API_TOKEN", DEV_TOKEN).split(",")[0].trim();
        }
        return new ApiClient(url != null ? url : terminal.env("ACCESSPROOF_URL", DEFAULT_URL), token);
    }
}
