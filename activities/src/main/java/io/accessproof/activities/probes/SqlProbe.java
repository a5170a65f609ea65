package io.accessproof.activities.probes;

import io.accessproof.workflows.model.Observation;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * Reads a customer's access from the app's own database with the configured query, inside a
 * read-only transaction whose statement timeout is set with {@code SET LOCAL}, so a slow or
 * careless query can neither write nor hold the connection. No row: the customer has no access.
 * A SQL error: not reachable, with the SQLState in the evidence.
 */
public final class SqlProbe implements Probe {
    private static final Pattern CUSTOMER_PARAM = Pattern.compile("(?<!:):customer_id\\b");

    private final SqlProbeConfig config;
    private final Jdbi jdbi;
    private final Clock clock;

    public SqlProbe(SqlProbeConfig config, DataSource appDataSource) {
        this(config, appDataSource, Clock.systemUTC());
    }

    /**
     * @param appDataSource the app's database (a pool of its own, ideally a read-only role)
     * @throws io.temporal.failure.ApplicationFailure PROBE_MISCONFIGURED for a query without {@code :customer_id}
     *                                                or a non-positive timeout
     */
    public SqlProbe(SqlProbeConfig config, DataSource appDataSource, Clock clock) {
        if (config.query() == null || !CUSTOMER_PARAM.matcher(config.query()).find()) {
            throw ProbeMisconfigured.because("SQL probe query must bind :customer_id");
        }
        if (config.statementTimeout().isNegative() || config.statementTimeout().isZero()) {
            throw ProbeMisconfigured.because("SQL probe statement timeout must be positive");
        }
        this.config = config;
        this.jdbi = Jdbi.create(appDataSource);
        this.clock = clock;
    }

    private record Row(String plan, boolean active, List<String> features, String deploySha) {
    }

    @Override
    public Observation observe(String customerId) {
        long timeoutMs = Math.max(1, config.statementTimeout().toMillis());
        Optional<Row> row;
        try {
            row = jdbi.inTransaction(handle -> {
                handle.execute("SET TRANSACTION READ ONLY");
                handle.execute("SET LOCAL statement_timeout = " + timeoutMs);
                return handle.createQuery(config.query())
                        .bind("customer_id", customerId)
                        .setMaxRows(1)
                        .map((rs, ctx) -> row(rs))
                        .findFirst();
            });
        } catch (JdbiException e) {
            return new Observation(false, null, false, List.of(), null, clock.millis(), describe(e));
        }
        if (row.isEmpty()) {
            return new Observation(true, null, false, List.of(), null, clock.millis(),
                    "SQL probe: the app has no row for customer " + customerId);
        }
        Row r = row.get();
        return new Observation(true, r.plan(), r.active(), r.features(), r.deploySha(), clock.millis(),
                "SQL probe: plan=" + r.plan() + " active=" + r.active());
    }

    private static Row row(ResultSet rs) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        Set<String> columns = new HashSet<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            columns.add(meta.getColumnLabel(i).toLowerCase(Locale.ROOT));
        }
        if (!columns.contains("plan") || !columns.contains("active")) {
            throw ProbeMisconfigured.because("SQL probe query must return columns plan and active, got " + columns);
        }
        List<String> features = columns.contains("features") ? features(rs.getObject("features")) : List.of();
        String sha = columns.contains("deploy_sha") ? rs.getString("deploy_sha") : null;
        return new Row(rs.getString("plan"), Values.truthy(rs.getObject("active")), features, sha);
    }

    private static List<String> features(Object value) throws SQLException {
        if (value instanceof Array array) {
            List<String> keys = new ArrayList<>();
            for (Object o : (Object[]) array.getArray()) {
                if (o != null) {
                    keys.add(o.toString());
                }
            }
            return keys;
        }
        return value == null ? List.of() : Values.commaList(value.toString());
    }

    private static String describe(JdbiException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return "SQL probe failed: SQLState " + (sql.getSQLState() == null ? "none" : sql.getSQLState())
                        + " (" + Values.firstLine(sql.getMessage(), 200) + ")";
            }
        }
        return "SQL probe failed: " + e.getClass().getSimpleName();
    }
}
