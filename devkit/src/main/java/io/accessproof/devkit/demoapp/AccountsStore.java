package io.accessproof.devkit.demoapp;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

/**
 * The demo app's own tables: {@code <schema>.subscriptions}, one row per Stripe subscription, and
 * {@code <schema>.accounts}, what each customer can use: the highest plan among their active subscriptions.
 * Writes are ordered by the Stripe event's {@code created}: an older event never overwrites a newer one
 * (deliveries arrive in any order).
 */
final class AccountsStore implements AutoCloseable {
    private final HikariDataSource pool;
    private final String table;
    private final String subscriptions;

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
        subscriptions = options.schema() + ".subscriptions";
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA IF NOT EXISTS " + options.schema());
            s.execute("CREATE TABLE IF NOT EXISTS " + table + " (customer_id text PRIMARY KEY, plan text,"
                    + " active boolean NOT NULL, updated_at timestamptz NOT NULL DEFAULT now(),"
                    + " event_created bigint NOT NULL DEFAULT 0)");
            s.execute("CREATE TABLE IF NOT EXISTS " + subscriptions + " (subscription_id text PRIMARY KEY,"
                    + " customer_id text NOT NULL, plan text, active boolean NOT NULL, event_created bigint NOT NULL)");
            s.execute("ALTER TABLE " + table + " ADD COLUMN IF NOT EXISTS seats integer");
            s.execute("ALTER TABLE " + subscriptions + " ADD COLUMN IF NOT EXISTS quantity integer");
        } catch (SQLException e) {
            pool.close();
            throw new IllegalStateException("cannot prepare " + table, e);
        }
    }

    /**
     * Records the subscription's state unless a newer event already did, then gives the customer the highest
     * plan among their active subscriptions (none active: no access). Returns whether the subscription changed.
     */
    boolean applySubscription(String subscriptionId, Account account, long eventCreated) throws SQLException {
        String upsert = "INSERT INTO " + subscriptions + " (subscription_id, customer_id, plan, active, event_created,"
                + " quantity) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (subscription_id) DO UPDATE SET plan = excluded.plan,"
                + " active = excluded.active, event_created = excluded.event_created, quantity = excluded.quantity"
                + " WHERE " + subscriptions + ".event_created <= excluded.event_created";
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
                    lock.setString(1, account.customerId());
                    lock.execute();
                }
                boolean changed;
                try (PreparedStatement ps = c.prepareStatement(upsert)) {
                    ps.setString(1, subscriptionId);
                    ps.setString(2, account.customerId());
                    ps.setString(3, account.plan());
                    ps.setBoolean(4, account.active());
                    ps.setLong(5, eventCreated);
                    ps.setObject(6, account.seats());
                    changed = ps.executeUpdate() > 0;
                }
                writeAccount(c, standing(c, account), eventCreated);
                c.commit();
                return changed;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /**
     * The highest plan among the customer's active subscriptions, with the seats of all of them on that plan;
     * else this event's plan, inactive.
     */
    private Account standing(Connection c, Account fallback) throws SQLException {
        Account best = null;
        try (PreparedStatement ps = c.prepareStatement("SELECT plan, sum(quantity)::int FROM " + subscriptions
                + " WHERE customer_id = ? AND active GROUP BY plan")) {
            ps.setString(1, fallback.customerId());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (best == null || Entitlement.rank(rs.getString(1)) > Entitlement.rank(best.plan())) {
                        best = new Account(fallback.customerId(), rs.getString(1), true, (Integer) rs.getObject(2));
                    }
                }
            }
        }
        return best != null ? best : new Account(fallback.customerId(), fallback.plan(), false);
    }

    private void writeAccount(Connection c, Account account, long eventCreated) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " (customer_id, plan, active, updated_at,"
                + " event_created, seats) VALUES (?, ?, ?, now(), ?, ?) ON CONFLICT (customer_id) DO UPDATE SET"
                + " plan = excluded.plan, active = excluded.active, updated_at = now(), seats = excluded.seats,"
                + " event_created = GREATEST(" + table + ".event_created, excluded.event_created)")) {
            ps.setString(1, account.customerId());
            ps.setString(2, account.plan());
            ps.setBoolean(3, account.active());
            ps.setLong(4, eventCreated);
            ps.setObject(5, account.seats());
            ps.executeUpdate();
        }
    }

    /**
     * The last event wins ({@code last_event_wins} fault): the customer gets what this event's subscription
     * says, whatever their other subscriptions. Upserts unless a newer event already wrote the row.
     */
    boolean apply(Account account, long eventCreated) throws SQLException {
        String sql = "INSERT INTO " + table + " (customer_id, plan, active, updated_at, event_created, seats)"
                + " VALUES (?, ?, ?, now(), ?, ?) ON CONFLICT (customer_id) DO UPDATE SET plan = excluded.plan,"
                + " active = excluded.active, updated_at = now(), event_created = excluded.event_created,"
                + " seats = excluded.seats WHERE " + table + ".event_created <= excluded.event_created";
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, account.customerId());
            ps.setString(2, account.plan());
            ps.setBoolean(3, account.active());
            ps.setLong(4, eventCreated);
            ps.setObject(5, account.seats());
            return ps.executeUpdate() > 0;
        }
    }

    /** One seeded subscription and what it grants. */
    record Seeded(String subscriptionId, Account account) {
    }

    /** Writes many customers' subscriptions and accounts at once, one subscription each, in one transaction. */
    void seed(List<Seeded> seeded) throws SQLException {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement subs = c.prepareStatement("INSERT INTO " + subscriptions + " (subscription_id, "
                    + "customer_id, plan, active, event_created) VALUES (?, ?, ?, ?, 0) ON CONFLICT DO NOTHING");
                 PreparedStatement rows = c.prepareStatement("INSERT INTO " + table + " (customer_id, plan, active) "
                         + "VALUES (?, ?, ?) ON CONFLICT (customer_id) DO UPDATE SET plan = excluded.plan, "
                         + "active = excluded.active")) {
                for (Seeded s : seeded) {
                    subs.setString(1, s.subscriptionId());
                    subs.setString(2, s.account().customerId());
                    subs.setString(3, s.account().plan());
                    subs.setBoolean(4, s.account().active());
                    subs.addBatch();
                    rows.setString(1, s.account().customerId());
                    rows.setString(2, s.account().plan());
                    rows.setBoolean(3, s.account().active());
                    rows.addBatch();
                }
                subs.executeBatch();
                rows.executeBatch();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
    }

    Optional<Account> find(String customerId) throws SQLException {
        try (Connection c = pool.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT plan, active, seats FROM " + table
                     + " WHERE customer_id = ?")) {
            ps.setString(1, customerId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Account(customerId, rs.getString(1), rs.getBoolean(2),
                        (Integer) rs.getObject(3))) : Optional.empty();
            }
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
