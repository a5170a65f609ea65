package io.accessproof.bench;

import com.zaxxer.hikari.HikariDataSource;
import io.accessproof.server.support.TestApp;
import io.accessproof.store.DataSources;
import io.accessproof.store.Migrations;
import io.accessproof.store.TestPostgres;
import io.dropwizard.testing.ConfigOverride;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;
import org.jdbi.v3.core.Jdbi;

/**
 * Restarts cost nothing: the application starts on a database holding {@code --runs} historical runs (most
 * closed, some in incident past their horizon, {@code --open} still proving inside it, whose workflows an
 * in-memory Temporal has lost), a new webhook is sent the moment the server is up, and the time until its
 * run exists is measured, with how many old events were re-driven.
 * {@code bench/run-restart.sh [--runs 100000] [--open 1000] [--repeats 3]}
 */
public final class RestartBench {
    private static final Duration POLL = Duration.ofMillis(5);

    private RestartBench() {
    }

    public static void main(String[] args) throws Exception {
        int runs = intArg(args, "--runs", 100_000);
        int open = intArg(args, "--open", 1_000);
        int repeats = intArg(args, "--repeats", 3);
        System.out.printf(Locale.ROOT, "restart with %,d historical runs (%,d inside their horizon), %d repeats; %s%n",
                runs, open, repeats, Stats.machineLoad());
        List<Double> firstRun = new ArrayList<>();
        for (int i = 1; i <= repeats; i++) {
            Result r = once(runs, open);
            firstRun.add(r.firstRunSeconds);
            System.out.printf(Locale.ROOT, "  run %d: start-up %.2f s, first new webhook's run %.3f s after the server "
                    + "was up (2xx in %.3f s), %,d events re-driven%n", i, r.startupSeconds, r.firstRunSeconds,
                    r.ackSeconds, r.redriven);
        }
        firstRun.sort(Double::compare);
        System.out.printf(Locale.ROOT, "median time to the first new run: %.3f s (min %.3f, max %.3f)%n",
                firstRun.get(firstRun.size() / 2), firstRun.get(0), firstRun.get(firstRun.size() - 1));
    }

    record Result(double startupSeconds, double ackSeconds, double firstRunSeconds, long redriven) {
    }

    static Result once(int runs, int open) throws Exception {
        try (TestPostgres.Database db = TestPostgres.freshDatabase()) {
            Jdbi jdbi = seed(db, runs, open);
            long t0 = System.nanoTime();
            try (TestApp app = TestApp.start(db, ConfigOverride.config("logging.level", "WARN"))) {
                long up = System.nanoTime();
                String eventId = "evt_restart_new_" + System.nanoTime();
                HttpResponse<String> ack = app.postSignedEvent(event(eventId));
                long acked = System.nanoTime();
                if (ack.statusCode() != 200) {
                    throw new IllegalStateException("new webhook answered " + ack.statusCode() + ": " + ack.body());
                }
                long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
                while (!hasRun(jdbi, eventId)) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("the new webhook's run did not start within 120 s");
                    }
                    LockSupport.parkNanos(POLL.toNanos());
                }
                long started = System.nanoTime();
                long redriven = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM stripe_events "
                        + "WHERE event_id LIKE 'evt_hist_%' AND dispatch_attempts > 1 OR (event_id LIKE 'evt_hist_%' "
                        + "AND dispatched IS NULL)").mapTo(Long.class).one());
                return new Result(seconds(up - t0), seconds(acked - up), seconds(started - up), redriven);
            }
        }
    }

    /** {@code runs} historical runs: 1 in 20 in incident two days ago, {@code open} proving an hour ago, the rest proven. */
    private static Jdbi seed(TestPostgres.Database db, int runs, int open) {
        try (HikariDataSource pool = DataSources.pool("seed", db.jdbcUrl(), db.user(), db.password(), 2,
                Duration.ofSeconds(5))) {
            Migrations.migrate(pool);
        }
        Jdbi jdbi = TestApp.jdbi(db);
        jdbi.useHandle(h -> {
            h.createUpdate("INSERT INTO stripe_events (event_id, type, livemode, created, received, object_type, object_id, "
                            + "customer_id, subscription_id, payload, raw_payload, dispatched, dispatch_attempts) "
                            + "SELECT 'evt_hist_' || g, 'customer.subscription.updated', false, t, t, 'subscription', "
                            + "'sub_hist_' || g, 'cus_hist_' || g, 'sub_hist_' || g, '{}'::jsonb, '\\x7b7d'::bytea, t, 1 "
                            + "FROM (SELECT g, CASE WHEN g <= :open THEN now() - interval '1 hour' "
                            + "ELSE now() - interval '2 days' END AS t FROM generate_series(1, :runs) g) s")
                    .bind("open", open).bind("runs", runs).execute();
            h.createUpdate("INSERT INTO runs (event_id, event_type, customer_id, subscription_id, state, started_at) "
                            + "SELECT event_id, type, customer_id, subscription_id, CASE "
                            + "WHEN substring(event_id FROM 10)::int <= :open THEN 'proving' "
                            + "WHEN substring(event_id FROM 10)::int % 20 = 0 THEN 'incident' ELSE 'proven' END, received "
                            + "FROM stripe_events WHERE event_id LIKE 'evt_hist_%'")
                    .bind("open", open).execute();
            h.execute("ANALYZE");
        });
        return jdbi;
    }

    private static boolean hasRun(Jdbi jdbi, String eventId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM runs WHERE event_id = :e")
                .bind("e", eventId).mapTo(Long.class).one()) > 0;
    }

    private static String event(String id) {
        return "{\"id\":\"" + id + "\",\"object\":\"event\",\"type\":\"customer.subscription.created\",\"created\":"
                + Instant.now().getEpochSecond() + ",\"livemode\":false,\"api_version\":\"2025-03-31.basil\","
                + "\"data\":{\"object\":{\"id\":\"sub_restart\",\"object\":\"subscription\",\"customer\":\"cus_restart\","
                + "\"status\":\"active\"}}}";
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static int intArg(String[] args, String name, int fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return fallback;
    }
}
