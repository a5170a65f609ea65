package io.accessproof.devkit.demoapp;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * The demo app's own table {@code <schema>.accounts}. Writes are ordered by the Stripe event's
 * {@code created}: an older event never overwrites a newer one (deliveries arrive in any order).
 */
final class AccountsStore implements AutoCloseable {
    private final HikariDataSource pool;
    private final String table;

    AccountsStore(DemoAppOptions options) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(options.jdbcUrl());
        config.setUsername(options.dbUser());
        config.setPassword(options.dbPassword());
        config.setMaximumPoolSize(4);
        config.setConnectionTimeout(5_000);
        config.setPoolName("demo-app");
        pool = new HikariDataSource(config);
        table = options.schema() + ".accounts";
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA IF NOT EXISTS " + options.schema());
            s.execute("CREATE TABLE IF NOT EXISTS " + table + " (customer_id text PRIMARY KEY, plan text,"
                    + " active boolean NOT NULL, updated_at timestamptz NOT NULL DEFAULT now(),"
                    + " event_created bigint NOT NULL DEFAULT 0)");
        } catch (SQLException e) {
            pool.close();
            throw new IllegalStateException("cannot prepare " + table, e);
        }
    }

    /** Upserts unless a newer event already wrote the row; returns whether the row changed. */
    boolean apply(Account account, long eventCreated) throws SQLException {
        String sql = "INSERT INTO " + table + " (customer_id, plan, active, updated_at, event_created)"
                + " VALUES (?, ?, ?, now(), ?) ON CONFLICT (customer_id) DO UPDATE SET plan = excluded.plan,"
                + " active = excluded.active, updated_at = now(), event_created = excluded.event_created"
                + " WHERE " + table + ".event_created <= excluded.event_created";
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, account.customerId());
            ps.setString(2, account.plan());
            ps.setBoolean(3, account.active());
            ps.setLong(4, eventCreated);
            return ps.executeUpdate() > 0;
        }
    }

    Optional<Account> find(String customerId) throws SQLException {
        try (Connection c = pool.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT plan, active FROM " + table + " WHERE customer_id = ?")) {
            ps.setString(1, customerId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Account(customerId, rs.getString(1), rs.getBoolean(2))) : Optional.empty();
            }
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
