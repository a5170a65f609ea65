package io.accessproof.bench;

import io.accessproof.devkit.load.EventTemplates;
import io.accessproof.devkit.load.LoadGenerator;
import io.accessproof.devkit.load.LoadResult;
import io.accessproof.devkit.load.Schedule;
import io.accessproof.devkit.load.StoredEvents;
import io.accessproof.server.AccessproofConfiguration;
import io.accessproof.server.support.FreePorts;
import io.accessproof.server.support.TestApp;
import io.accessproof.store.TestPostgres;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;

/**
 * The intake ladder, in one process and one run so that the ratios hold on a noisy machine: a bare 200,
 * + signature verification and parse, + the durable insert alone, + the full intake of the real
 * application. Each rung is measured at a fixed rate (open model: ack latency) and at saturation
 * (a batch offered at once with a bounded number in flight: accepted events/s). Rungs are interleaved
 * in every repetition. {@code bench/run-ladder.sh} runs it.
 */
public final class Ladder {

    enum Rung {
        BARE("/bench/ok", "a. bare 200"),
        VERIFY("/bench/verify", "b. + verify signature, parse"),
        INSERT("/bench/insert", "c. + durable insert (same row, same DAO)"),
        GROUPED("/bench/insert-grouped", "c'. + durable insert, group commit"),
        FULL("/webhooks/stripe", "d. full intake /webhooks/stripe");

        final String path;
        final String label;

        Rung(String path, String label) {
            this.path = path;
            this.label = label;
        }
    }

    enum Mode { FIXED, SATURATION }

    record Measured(Rung rung, Mode mode, LoadResult result) {
    }

    record Options(int repeats, double rate, Duration duration, int saturationEvents, int saturationInFlight,
                   Duration warmup) {
        static final Map<String, String> DEFAULTS = Map.of("repeats", "3", "rate", "200", "duration", "10",
                "saturation-events", "2000", "in-flight", "64", "warmup", "3");

        static Options parse(String[] args) {
            Map<String, String> a = Stats.args(args, DEFAULTS);
            return new Options(Integer.parseInt(a.get("repeats")), Double.parseDouble(a.get("rate")),
                    seconds(a.get("duration")), Integer.parseInt(a.get("saturation-events")),
                    Integer.parseInt(a.get("in-flight")), seconds(a.get("warmup")));
        }

        private static Duration seconds(String s) {
            return Duration.ofMillis((long) (Double.parseDouble(s) * 1000));
        }
    }

    static final int DRAIN_SECONDS = 180;

    private Ladder() {
    }

    public static void main(String[] args) throws Exception {
        Stats.quietLogging();
        Options options = Options.parse(args);
        List<Measured> all = run(options, System.out);
        System.out.println();
        System.out.println(table(all, options));
        boolean valid = all.stream().allMatch(m -> m.result().ledger().valid());
        System.out.println(valid ? "All ledgers balance; every 2xx event was found in PostgreSQL where it is stored."
                : "SOME RUNS ARE VOID: their ledger does not balance (see above).");
        System.exit(valid ? 0 : 1);
    }

    static List<Measured> run(Options o, PrintStream out) throws Exception {
        List<Measured> all = new ArrayList<>();
        try (TestPostgres.Database appDb = TestPostgres.freshDatabase();
             TestPostgres.Database insertDb = TestPostgres.freshDatabase()) {
            System.setProperty(LadderApplication.INSERT_DATABASE, insertDb.jdbcUrl());
            DropwizardTestSupport<AccessproofConfiguration> app = start(appDb);
            try {
                Supplier<io.accessproof.devkit.load.StripeEvent> events = EventTemplates.bundled().cycling(EventTemplates.TYPES);
                for (Rung rung : Rung.values()) {
                    if (!o.warmup().isZero()) {
                        generator(app, rung, 512).run("warm-up", Schedule.constant(500, o.warmup()), events);
                    }
                }
                out.println(drainOutbox(appDb));
                for (int r = 1; r <= o.repeats(); r++) {
                    for (Rung rung : Rung.values()) {
                        for (Mode mode : Mode.values()) {
                            Schedule schedule = mode == Mode.FIXED ? Schedule.constant(o.rate(), o.duration())
                                    : Schedule.burst(o.saturationEvents(), Duration.ZERO);
                            int inFlight = mode == Mode.FIXED ? 512 : o.saturationInFlight();
                            LoadResult result = generator(app, rung, inFlight)
                                    .run(rung.label + " #" + r + " " + mode.name().toLowerCase(), schedule, events);
                            check(rung, result, appDb, insertDb);
                            all.add(new Measured(rung, mode, result));
                            out.println(result.summary() + "\n  machine: " + Stats.machineLoad());
                        }
                    }
                    out.println(drainOutbox(appDb));
                }
            } finally {
                app.after();
            }
        }
        return all;
    }

    /**
     * Waits (at most {@value #DRAIN_SECONDS} s) until the full intake's outbox has handed every event to
     * Temporal, so that no rung is measured while the previous one's dispatch still runs; returns how
     * fast it drained, the dispatcher's throughput.
     */
    static String drainOutbox(TestPostgres.Database db) {
        Jdbi jdbi = TestApp.jdbi(db);
        String depthSql = "SELECT count(*) FROM stripe_events WHERE dispatched IS NULL AND NOT ignored";
        long start = System.nanoTime();
        long initial = jdbi.withHandle(h -> h.createQuery(depthSql).mapTo(Long.class).one());
        long depth = initial;
        while (depth > 0 && System.nanoTime() - start < TimeUnit.SECONDS.toNanos(DRAIN_SECONDS)) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
            depth = jdbi.withHandle(h -> h.createQuery(depthSql).mapTo(Long.class).one());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return String.format("outbox: %d events handed to Temporal in %.1f s (%.0f/s)%s", initial - depth, seconds,
                (initial - depth) / Math.max(seconds, 0.001), depth == 0 ? "" : ", " + depth + " STILL PENDING");
    }

    private static DropwizardTestSupport<AccessproofConfiguration> start(TestPostgres.Database db) throws Exception {
        List<ConfigOverride> overrides = new ArrayList<>(TestApp.databaseOverrides(db));
        overrides.add(ConfigOverride.config("temporal.embeddedPort", String.valueOf(FreePorts.next())));
        // The worker proves runs; the ladder measures intake (outbox dispatch to Temporal included).
        overrides.add(ConfigOverride.config("temporal.worker", "false"));
        // The per-event INFO lines are kept, as in production, but go to a file, not the console.
        overrides.add(ConfigOverride.config("logging.appenders[0].type", "file"));
        overrides.add(ConfigOverride.config("logging.appenders[0].currentLogFilename", "target/ladder-app.log"));
        overrides.add(ConfigOverride.config("logging.appenders[0].archive", "false"));
        DropwizardTestSupport<AccessproofConfiguration> support = new DropwizardTestSupport<>(LadderApplication.class,
                TestApp.configFile(), overrides.toArray(ConfigOverride[]::new));
        support.before();
        return support;
    }

    private static LoadGenerator generator(DropwizardTestSupport<?> app, Rung rung, int inFlight) {
        URI url = URI.create("http://127.0.0.1:" + app.getLocalPort() + rung.path);
        return new LoadGenerator(LoadGenerator.Options.of(url, TestApp.SECRET).withMaxInFlight(inFlight));
    }

    private static void check(Rung rung, LoadResult result, TestPostgres.Database appDb, TestPostgres.Database insertDb)
            throws Exception {
        TestPostgres.Database db = rung == Rung.FULL ? appDb : rung == Rung.INSERT || rung == Rung.GROUPED ? insertDb : null;
        if (db != null) {
            StoredEvents.check(result.ledger(), db.jdbcUrl(), db.user(), db.password());
        }
    }

    static String table(List<Measured> all, Options o) {
        double insertCapacity = Stats.median(of(all, Rung.INSERT, Mode.SATURATION).stream()
                .map(m -> m.result().acceptedPerSecond()).toList());
        StringBuilder t = new StringBuilder();
        t.append(String.format("| rung | accepted/s at saturation (%d at once, ≤%d in flight) | vs insert-only | "
                + "p50 ms at %.0f/s | p99 ms at %.0f/s | max ms at %.0f/s |%n", o.saturationEvents(),
                o.saturationInFlight(), o.rate(), o.rate(), o.rate()));
        t.append("|---|---|---|---|---|---|\n");
        for (Rung rung : Rung.values()) {
            List<Measured> sat = of(all, rung, Mode.SATURATION);
            List<Measured> fixed = of(all, rung, Mode.FIXED);
            double capacity = Stats.median(sat.stream().map(m -> m.result().acceptedPerSecond()).toList());
            t.append(String.format("| %s | %s | %.0f%% | %s | %s | %s |%n", rung.label,
                    Stats.summary(sat, m -> m.result().acceptedPerSecond(), "%.0f"), 100 * capacity / insertCapacity,
                    Stats.summary(fixed, m -> m.result().percentileMillis(50), "%.2f"),
                    Stats.summary(fixed, m -> m.result().percentileMillis(99), "%.2f"),
                    Stats.summary(fixed, m -> m.result().maxMillis(), "%.1f")));
        }
        t.append(String.format("%nmedian (min–max) of %d repetitions; fixed rate %.0f/s for %d s per run.%n",
                o.repeats(), o.rate(), o.duration().toSeconds()));
        return t.toString();
    }

    private static List<Measured> of(List<Measured> all, Rung rung, Mode mode) {
        return all.stream().filter(m -> m.rung() == rung && m.mode() == mode).toList();
    }
}
