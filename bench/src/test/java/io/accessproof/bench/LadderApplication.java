package io.accessproof.bench;

import io.accessproof.activities.events.EventParser;
import io.accessproof.server.AccessproofApplication;
import io.accessproof.server.AccessproofConfiguration;
import io.accessproof.server.cli.Terminal;
import io.accessproof.server.intake.GroupCommit;
import io.accessproof.server.support.TestTemporal;
import io.accessproof.store.DataSources;
import io.accessproof.store.Jdbis;
import io.accessproof.store.Migrations;
import io.accessproof.store.events.StripeEventDao;
import io.dropwizard.core.setup.Environment;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;

/**
 * The real application plus the ladder's lower rungs under {@code /bench}. The insert-only rung writes
 * to the database named by the system property {@value #INSERT_DATABASE} with the application's own
 * user, pool size and connection wait.
 */
public class LadderApplication extends AccessproofApplication {
    static final String INSERT_DATABASE = "accessproof.ladder.insertDatabase";
    /** Half the pool commits, each statement carrying up to 64 events. */
    static final int GROUP_COMMITTERS = 4;
    static final int GROUP_BATCH = 64;

    public LadderApplication() {
        super(Terminal.system(), TestTemporal.EMBEDDED);
    }

    @Override
    public void run(AccessproofConfiguration config, Environment environment) {
        super.run(config, environment);
        var pool = DataSources.pool("ladder-insert", System.getProperty(INSERT_DATABASE), config.database.user,
                config.database.password, config.database.maxSize, config.database.maxWaitForConnection.toJavaDuration());
        environment.lifecycle().manage(new io.dropwizard.lifecycle.Managed() {
            @Override
            public void stop() {
                pool.close();
            }
        });
        Migrations.migrate((DataSource) pool);
        Jdbi jdbi = Jdbis.create(pool);
        GroupCommit grouped = new GroupCommit(jdbi, GROUP_COMMITTERS, GROUP_BATCH);
        environment.lifecycle().manage(grouped);
        environment.jersey().register(new RungsResource(
                config.stripe.buildVerifier(),
                new EventParser(environment.getObjectMapper(), config.stripe.runEventTypes),
                jdbi.onDemand(StripeEventDao.class)::insertOrCountDelivery, grouped));
    }
}
