package io.accessproof.dev;

import io.accessproof.devkit.standins.PostgresLocator;
import io.accessproof.server.AccessproofConfiguration;
import io.accessproof.server.cli.PlainErrors;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.ResourceConfigurationSourceProvider;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.ServerCommand;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.jetty.HttpConnectorFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import org.eclipse.jetty.util.component.LifeCycle;

/**
 * {@code dev}: the whole service with embedded defaults and no configuration file. PostgreSQL from
 * {@code DATABASE_URL}, else the local server, else an embedded one; Temporal's test server in-process
 * unless {@code TEMPORAL_TARGET} is set; the Stripe emulator and the demo app beside it.
 */
public final class DevCommand extends ServerCommand<AccessproofConfiguration> {
    static final String CONFIG_RESOURCE = "dev.yml";

    private final List<AutoCloseable> started = new ArrayList<>();

    public DevCommand(Application<AccessproofConfiguration> application) {
        super(application, "dev", "Runs the whole service with embedded defaults (no configuration file)");
    }

    @Override
    public void configure(Subparser subparser) {
        // No file argument: the configuration is the built-in dev.yml, overridable with -Ddw.… and env.
    }

    @Override
    public void run(Bootstrap<?> bootstrap, Namespace namespace) throws Exception {
        bootstrap.setConfigurationSourceProvider(new SubstitutingSourceProvider(
                new ResourceConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(false)));
        Map<String, Object> attrs = new LinkedHashMap<>(namespace.getAttrs());
        attrs.put("file", CONFIG_RESOURCE);
        super.run(bootstrap, new Namespace(attrs));
    }

    @Override
    protected void run(Bootstrap<AccessproofConfiguration> bootstrap, Namespace namespace,
                       AccessproofConfiguration config) throws Exception {
        String temporalTarget = System.getenv("TEMPORAL_TARGET");
        config.temporal.embedded = temporalTarget == null || temporalTarget.isBlank();
        config.dev.running = true;
        Ports.requireFree(ports(config));
        try {
            DevBanner banner = new DevBanner(config);
            useDatabase(config, banner);
            started.addAll(DevWorld.start(config, banner));
            super.run(bootstrap, namespace, config);
            banner.print();
        } catch (Exception | Error e) {
            closeStarted();
            throw e;
        }
    }

    @Override
    protected void run(Environment environment, Namespace namespace, AccessproofConfiguration config)
            throws Exception {
        environment.lifecycle().addEventListener(new LifeCycle.Listener() {
            @Override
            public void lifeCycleStopped(LifeCycle event) {
                closeStarted();
            }
        });
        super.run(environment, namespace, config);
    }

    private void useDatabase(AccessproofConfiguration config, DevBanner banner) throws Exception {
        Path dataDir = Path.of(config.dev.dataDirectory, "postgres").toAbsolutePath();
        PostgresLocator.Located db = PostgresLocator.locate(config.database.url, config.dev.database, dataDir);
        started.add(db);
        config.database.url = db.jdbcUrl();
        config.database.user = db.user();
        config.database.password = db.password();
        banner.database(db.description());
    }

    private static Map<String, Integer> ports(AccessproofConfiguration config) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        if (config.getServerFactory() instanceof DefaultServerFactory server) {
            ports.put("HTTP application", port(server.getApplicationConnectors().get(0)));
            ports.put("admin: health checks and metrics", port(server.getAdminConnectors().get(0)));
        }
        if (config.temporal.embedded) {
            ports.put("embedded Temporal", config.temporal.embeddedPort);
        }
        ports.put("Stripe emulator", config.dev.stripeEmulatorPort);
        ports.put("demo app", config.dev.demoAppPort);
        return ports;
    }

    private static int port(Object connector) {
        return connector instanceof HttpConnectorFactory http ? http.getPort() : 0;
    }

    private synchronized void closeStarted() {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                System.err.println("while stopping the dev stack: " + e.getMessage());
            }
        }
        started.clear();
    }

    @Override
    public void onError(Cli cli, Namespace namespace, Throwable e) {
        if (!PlainErrors.print(cli, "dev", e)) {
            super.onError(cli, namespace, e);
        }
    }
}
