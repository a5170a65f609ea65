package io.accessproof.server.database;

import com.zaxxer.hikari.HikariDataSource;
import io.accessproof.store.DataSources;
import io.accessproof.store.Jdbis;
import io.accessproof.store.Migrations;
import io.dropwizard.lifecycle.Managed;
import java.sql.Connection;
import java.sql.SQLException;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application's connection pools and their Jdbis, closed with the application: one for requests
 * (webhooks, receipts, the API, the outbox) and, where the worker runs, one for the worker's activities.
 */
public final class Database implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    private final DatabaseConfig config;
    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private HikariDataSource workerDataSource;
    private Jdbi workerJdbi;

    private Database(DatabaseConfig config, HikariDataSource dataSource) {
        this.config = config;
        this.dataSource = dataSource;
        this.jdbi = Jdbis.create(dataSource);
    }

    public static Database open(DatabaseConfig config) {
        if (config.url == null || config.url.isBlank()) {
            throw new IllegalArgumentException("database.url is not set (set DATABASE_URL or database.url)");
        }
        return new Database(config, DataSources.pool("accessproof", config.url, config.user, config.password,
                config.maxSize, config.maxWaitForConnection.toJavaDuration()));
    }

    /**
     * Applies migrations, failing with a message that names the database when it cannot be reached:
     * {@code server} must not start half-working against a database it cannot use.
     */
    public void migrate(String url) {
        try (Connection ignored = dataSource.getConnection()) {
            LOG.info("PostgreSQL reachable at {}", SafeUrls.of(url));
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("PostgreSQL is unreachable at " + SafeUrls.of(url) + ": "
                    + e.getMessage(), e);
        }
        int applied = Migrations.migrate(dataSource);
        LOG.info("database schema is current ({} migrations applied now)", applied);
    }

    public HikariDataSource dataSource() {
        return dataSource;
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    /** The worker's pool ({@code database.workerMaxSize}), opened on first use. */
    public synchronized Jdbi workerJdbi() {
        if (workerJdbi == null) {
            workerDataSource = DataSources.pool("accessproof-worker", config.url, config.user, config.password,
                    config.workerMaxSize, config.workerMaxWaitForConnection.toJavaDuration());
            workerJdbi = Jdbis.create(workerDataSource);
        }
        return workerJdbi;
    }

    @Override
    public synchronized void stop() {
        dataSource.close();
        if (workerDataSource != null) {
            workerDataSource.close();
        }
    }
}
