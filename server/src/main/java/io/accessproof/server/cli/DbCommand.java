package io.accessproof.server.cli;

import io.accessproof.server.AccessproofConfiguration;
import io.accessproof.server.database.Database;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/** {@code db migrate CONFIG}: applies the Flyway migrations and exits. */
public final class DbCommand extends ConfiguredCommand<AccessproofConfiguration> {

    public DbCommand() {
        super("db", "Database tasks: 'db migrate CONFIG' applies the schema migrations");
    }

    @Override
    public void configure(Subparser subparser) {
        subparser.addArgument("action").choices("migrate").help("what to do: migrate");
        super.configure(subparser);
    }

    @Override
    public void onError(Cli cli, Namespace namespace, Throwable e) {
        if (!PlainErrors.print(cli, "db", e)) {
            super.onError(cli, namespace, e);
        }
    }

    @Override
    protected void run(Bootstrap<AccessproofConfiguration> bootstrap, Namespace namespace,
                       AccessproofConfiguration config) {
        Database database = Database.open(config.database);
        try {
            database.migrate(config.database.url);
        } finally {
            database.stop();
        }
    }
}
