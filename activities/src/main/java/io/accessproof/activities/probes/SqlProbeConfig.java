package io.accessproof.activities.probes;

import java.time.Duration;

/**
 * How to read a customer's access from the app's database.
 *
 * @param query            a read-only query binding {@code :customer_id}; columns {@code plan},
 *                         {@code active}, optional {@code features} (text[] or a comma-separated
 *                         list) and {@code deploy_sha}; the first row counts, no row means no access
 * @param statementTimeout per query, set with {@code SET LOCAL statement_timeout}; default 2 s
 */
public record SqlProbeConfig(String query, Duration statementTimeout) {

    public static final Duration DEFAULT_STATEMENT_TIMEOUT = Duration.ofSeconds(2);

    public SqlProbeConfig {
        statementTimeout = statementTimeout == null ? DEFAULT_STATEMENT_TIMEOUT : statementTimeout;
    }
}
