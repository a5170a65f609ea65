package io.accessproof.server.health;

import com.codahale.metrics.health.HealthCheck;
import java.sql.Connection;
import javax.sql.DataSource;

/** PostgreSQL answers a query within the pool's wait. */
public final class DatabaseHealthCheck extends HealthCheck {
    private final DataSource dataSource;

    public DatabaseHealthCheck(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    protected Result check() throws Exception {
        try (Connection c = dataSource.getConnection()) {
            return c.isValid(2) ? Result.healthy() : Result.unhealthy("PostgreSQL connection is not valid");
        }
    }
}
