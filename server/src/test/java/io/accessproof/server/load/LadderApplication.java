package io.accessproof.server.load;

import io.accessproof.activities.store.DataSources;
import io.accessproof.activities.store.Jdbis;
import io.accessproof.activities.store.Migrations;
import io.accessproof.activities.store.StripeEventDao;
import io.accessproof.server.AccessproofApplication;
import io.accessproof.server.AccessproofConfiguration;
import io.accessproof.server.intake.EventParser;
import io.accessproof.server.intake.SignatureVerifier;
import io.dropwizard.core.setup.Environment;
import java.time.Clock;
import javax.sql.DataSource;

/**
 * The real application plus the ladder's lower rungs under {@code /bench}. The insert-only rung writes
 * to the database named by the system property {@value #INSERT_DATABASE} with the application's own
 * user, pool size and connection wait.
 */
public class LadderApplication extends AccessproofApplication {
    static final String INSERT_DATABASE = "accessproof.ladder.insertDatabase";

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
        environment.jersey().register(new RungsResource(
                new SignatureVerifier(config.stripe.secrets(), config.stripe.tolerance.toJavaDuration(), Clock.systemUTC()),
                new EventParser(environment.getObjectMapper(), config.stripe.runEventTypes),
                Jdbis.create(pool).onDemand(StripeEventDao.class)));
    }
}
