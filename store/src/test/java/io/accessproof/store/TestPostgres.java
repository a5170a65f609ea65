package io.accessproof.store;

import io.accessproof.devkit.standins.PostgresLocator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * The PostgreSQL of the test suite: {@code ACCESSPROOF_TEST_DATABASE_URL} when set, else the local
 * server, else one embedded server for the whole JVM. Each test class takes a fresh database of its own.
 */
public final class TestPostgres {
    private static PostgresLocator.Located server;

    private TestPostgres() {
    }

    /** A fresh, empty database; dropped when closed. */
    public record Database(String jdbcUrl, String user, String password, String name) implements AutoCloseable {
        @Override
        public void close() {
            execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }

    public static synchronized Database freshDatabase() {
        String name = "ap_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        execute("CREATE DATABASE " + name);
        PostgresLocator.Located s = server();
        String base = s.jdbcUrl().substring(0, s.jdbcUrl().lastIndexOf('/') + 1);
        return new Database(base + name, s.user(), s.password(), name);
    }

    private static synchronized PostgresLocator.Located server() {
        if (server == null) {
            try {
                server = PostgresLocator.locate(System.getenv("ACCESSPROOF_TEST_DATABASE_URL"), "postgres", null);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return server;
    }

    private static void execute(String sql) {
        PostgresLocator.Located s = server();
        try (Connection c = DriverManager.getConnection(s.jdbcUrl(), s.user(), s.password());
             Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}
