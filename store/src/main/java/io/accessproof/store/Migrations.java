package io.accessproof.store;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/** Applies the Flyway migrations under {@code db/migration}; safe to run on every start. */
public final class Migrations {
    private Migrations() {
    }

    /** Returns how many migrations were applied (0 when the schema is current). */
    public static int migrate(DataSource dataSource) {
        MigrateResult result = Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        return result.migrationsExecuted;
    }
}
