package io.accessproof.server.cli;

import io.accessproof.server.database.Database;
import io.accessproof.server.database.DatabaseConfig;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import java.util.function.Function;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/** {@code db migrate CONFIG}: applies the Flyway migrations and exits. */
public final class DbCommand<C extends Configuration> extends ConfiguredCommand<C> {
    private final Class<C> configurationClass;
    private final Function<C, DatabaseConfig> database;

    /** @param database the {@code database:} section of the configuration */
    public DbCommand(Class<C> configurationClass, Function<C, DatabaseConfig> database) {
        super("db", "Database tasks: 'db migrate CONFIG' applies the schema migrations");
        this.configurationClass = configurationClass;
        this.database = database;
    }

    @Override
    protected Class<C> getConfigurationClass() {
        return configurationClass;
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
    protected void run(Bootstrap<C> bootstrap, Namespace namespace, C config) {
        DatabaseConfig settings = this.database.apply(config);
        Database database = Database.open(settings);
        try {
            database.migrate(settings.url);
        } finally {
            database.stop();
        }
    }
}
