package io.accessproof.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;

/** Connection pools sized for a webhook endpoint: small, and never waiting long for a connection. */
public final class DataSources {
    private DataSources() {
    }

    /**
     * @param maxWait how long a request may wait for a connection before failing (about a second, so
     *                the intake can answer 503 and Stripe retries)
     */
    public static HikariDataSource pool(String name, String jdbcUrl, String user, String password,
                                        int maxSize, Duration maxWait) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setJdbcUrl(jdbcUrl);
        if (user != null) {
            config.setUsername(user);
        }
        if (password != null) {
            config.setPassword(password);
        }
        config.setMaximumPoolSize(maxSize);
        config.setMinimumIdle(Math.min(2, maxSize));
        config.setConnectionTimeout(Math.max(250, maxWait.toMillis()));
        config.setValidationTimeout(Math.max(250, Math.min(maxWait.toMillis(), 1000)));
        // Start even when the database is down; requests then fail fast instead of the process.
        config.setInitializationFailTimeout(-1);
        config.addDataSourceProperty("connectTimeout", "2");
        config.addDataSourceProperty("socketTimeout", "30");
        return new HikariDataSource(config);
    }
}
