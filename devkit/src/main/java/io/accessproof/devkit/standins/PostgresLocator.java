package io.accessproof.devkit.standins;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * Finds a PostgreSQL for {@code dev} and for tests: the one named by a URL when given; else the local
 * server on 127.0.0.1:5432 when it answers; else an embedded PostgreSQL from a Maven artifact.
 */
public final class PostgresLocator {
    private static final String LOCAL_URL = "jdbc:postgresql://127.0.0.1:5432/";
    private static final int CONNECT_TIMEOUT_SECONDS = 2;

    private PostgresLocator() {
    }

    /** Where the database is, how to log in, and what to stop at the end (the embedded server, if any). */
    public record Located(String jdbcUrl, String user, String password, String description,
                          EmbeddedPostgres embedded) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            if (embedded != null) {
                embedded.close();
            }
        }
    }

    /**
     * @param databaseUrl  {@code DATABASE_URL} ({@code jdbc:postgresql://…} or {@code postgres://user:pw@host/db}), or null
     * @param databaseName the database to use (and create) on the local or embedded server
     * @param dataDir      where an embedded server keeps its data, or null for a throwaway one
     */
    public static Located locate(String databaseUrl, String databaseName, Path dataDir) throws IOException {
        if (databaseUrl != null && !databaseUrl.isBlank()) {
            return fromUrl(databaseUrl.trim());
        }
        String user = System.getenv().getOrDefault("PGUSER", "postgres");
        if (answers(LOCAL_URL + "postgres", user)) {
            createDatabaseIfMissing(LOCAL_URL + "postgres", user, "", databaseName);
            return new Located(LOCAL_URL + databaseName, user, "", "local PostgreSQL on 127.0.0.1:5432, database " + databaseName, null);
        }
        return embedded(databaseName, dataDir);
    }

    static Located fromUrl(String url) {
        if (url.startsWith("jdbc:")) {
            return new Located(url, null, null, "PostgreSQL at DATABASE_URL", null);
        }
        URI uri = URI.create(url);
        String user = null;
        String password = null;
        if (uri.getUserInfo() != null) {
            String[] parts = uri.getUserInfo().split(":", 2);
            user = parts[0];
            password = parts.length > 1 ? parts[1] : null;
        }
        int port = uri.getPort() > 0 ? uri.getPort() : 5432;
        String query = uri.getQuery() == null ? "" : "?" + uri.getQuery();
        String jdbc = "jdbc:postgresql://" + uri.getHost() + ":" + port + uri.getPath() + query;
        return new Located(jdbc, user, password, "PostgreSQL at DATABASE_URL", null);
    }

    private static Located embedded(String databaseName, Path dataDir) throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
        if (dataDir != null) {
            builder.setDataDirectory(dataDir).setCleanDataDirectory(false);
        }
        EmbeddedPostgres pg = builder.start();
        String base = "jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/";
        createDatabaseIfMissing(base + "postgres", "postgres", "", databaseName);
        String where = dataDir == null ? "" : ", data in " + dataDir;
        return new Located(base + databaseName, "postgres", "", "embedded PostgreSQL on port " + pg.getPort()
                + ", database " + databaseName + where, pg);
    }

    private static boolean answers(String url, String user) {
        try (Connection ignored = connect(url, user, "")) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    static void createDatabaseIfMissing(String adminUrl, String user, String password, String name) {
        if (!name.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("database name must be lower-case letters, digits and _: " + name);
        }
        try (Connection c = connect(adminUrl, user, password); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'")) {
                if (rs.next()) {
                    return;
                }
            }
            st.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            if (!"42P04".equals(e.getSQLState())) { // created concurrently by another process
                throw new IllegalStateException("cannot create database " + name + ": " + e.getMessage(), e);
            }
        }
    }

    private static Connection connect(String url, String user, String password) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        if (password != null) {
            props.setProperty("password", password);
        }
        props.setProperty("connectTimeout", String.valueOf(CONNECT_TIMEOUT_SECONDS));
        return DriverManager.getConnection(url, props);
    }
}
