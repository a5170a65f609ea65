package io.accessproof.bench;

import com.zaxxer.hikari.HikariDataSource;
import io.accessproof.server.support.TestApp;
import io.accessproof.store.DataSources;
import io.accessproof.store.Migrations;
import io.accessproof.store.TestPostgres;
import io.dropwizard.testing.ConfigOverride;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code GET /api/summary} over a large runs table: {@code --runs} closed runs (proven, 1 in 20 in incident,
 * all with their event, all past the horizon so that nothing is re-driven) are written, the application starts, and the summary is asked {@code --requests}
 * times after a warm-up; its latency is printed beside the former scan of runs, timed in SQL on the same data.
 * {@code bench/run-summary.sh [--runs 1000000] [--requests 200]}
 */
public final class SummaryBench {
    private static final int WARM_UP = 20;

    private SummaryBench() {
    }

    /** The summary's runs-per-state and time-to-proof queries before the counters (issue 18), for comparison. */
    private static final String FORMER_SCAN = "SELECT state, count(*) FROM runs GROUP BY state";
    private static final String FORMER_TIME_TO_PROOF = "SELECT r.event_type, count(*) AS n, percentile_cont(0.5) WITHIN "
            + "GROUP (ORDER BY ms) AS p50, percentile_cont(0.95) WITHIN GROUP (ORDER BY ms) AS p95 FROM (SELECT r.event_type, "
            + "greatest(0, extract(epoch FROM r.proven_at - coalesce(e.received, r.started_at)) * 1000) AS ms FROM runs r "
            + "LEFT JOIN stripe_events e ON e.event_id = r.event_id WHERE r.proven_at IS NOT NULL) r GROUP BY r.event_type";

    /** Latencies of the summary over HTTP and the former queries' timings, in milliseconds. */
    record Result(double p50, double p99, double max, double formerScan, double formerTimeToProof) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = Stats.args(args, Map.of("runs", "1000000", "requests", "200"));
        int runs = Integer.parseInt(options.get("runs"));
        int requests = Integer.parseInt(options.get("requests"));
        Stats.quietLogging();
        System.out.printf(Locale.ROOT, "GET /api/summary over %,d runs, %d requests; %s%n", runs, requests,
                Stats.machineLoad());
        Result r = measure(runs, requests);
        System.out.printf(Locale.ROOT, "  summary over HTTP: p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", r.p50, r.p99, r.max);
        System.out.printf(Locale.ROOT, "  former scan of runs per state: %.0f ms; former time to proof: %.0f ms%n",
                r.formerScan, r.formerTimeToProof);
    }

    static Result measure(int runs, int requests) throws Exception {
        try (TestPostgres.Database db = TestPostgres.freshDatabase()) {
            Jdbi jdbi = seed(db, runs);
            List<Double> millis = new ArrayList<>();
            try (TestApp app = TestApp.start(db, ConfigOverride.config("logging.level", "WARN"))) {
                for (int i = 0; i < requests + WARM_UP; i++) {
                    long t0 = System.nanoTime();
                    HttpResponse<String> answer = app.get(app.url("/api/summary"), TestApp.API_TOKEN);
                    double ms = (System.nanoTime() - t0) / 1e6;
                    if (answer.statusCode() != 200 || !answer.body().contains("\"total\":" + runs + ",")) {
                        throw new IllegalStateException("summary answered " + answer.statusCode() + ": " + answer.body());
                    }
                    if (i >= WARM_UP) {
                        millis.add(ms);
                    }
                }
            }
            Collections.sort(millis);
            return new Result(millis.get(millis.size() / 2), millis.get((int) (millis.size() * 0.99)),
                    millis.get(millis.size() - 1), timed(jdbi, FORMER_SCAN), timed(jdbi, FORMER_TIME_TO_PROOF));
        }
    }

    private static Jdbi seed(TestPostgres.Database db, int runs) {
        try (HikariDataSource pool = DataSources.pool("seed", db.jdbcUrl(), db.user(), db.password(), 2,
                Duration.ofSeconds(5))) {
            Migrations.migrate(pool);
        }
        Jdbi jdbi = TestApp.jdbi(db);
        jdbi.useHandle(h -> {
            h.createUpdate("INSERT INTO stripe_events (event_id, type, livemode, created, received, customer_id, "
                    + "payload, raw_payload, dispatched, dispatch_attempts) SELECT 'evt_sum_' || g, CASE WHEN g % 2 = 0 "
                    + "THEN 'invoice.paid' ELSE 'customer.subscription.updated' END, false, t, t, 'cus_sum_' || g, "
                    + "'{}'::jsonb, '\\x7b7d'::bytea, t, 1 FROM (SELECT g, now() - interval '2 days' - make_interval(secs => g) AS t "
                    + "FROM generate_series(1, :runs) g) s").bind("runs", runs).execute();
            h.createUpdate("INSERT INTO runs (event_id, event_type, customer_id, state, started_at, closed_at, proven_at) "
                    + "SELECT event_id, type, customer_id, CASE WHEN substring(event_id FROM 9)::int % 20 = 0 "
                    + "THEN 'incident' ELSE 'proven' END, received, received + interval '2 seconds', CASE WHEN "
                    + "substring(event_id FROM 9)::int % 20 = 0 THEN NULL ELSE received + interval '2 seconds' END "
                    + "FROM stripe_events WHERE event_id LIKE 'evt_sum_%'").execute();
            h.execute("VACUUM ANALYZE runs");
            h.execute("VACUUM ANALYZE stripe_events");
        });
        return jdbi;
    }

    /** The median of three timings of a query, in milliseconds. */
    private static double timed(Jdbi jdbi, String query) {
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            long t0 = System.nanoTime();
            jdbi.useHandle(h -> h.createQuery(query).mapToMap().list());
            millis.add((System.nanoTime() - t0) / 1e6);
        }
        return Stats.median(millis);
    }
}
