package io.accessproof.bench;

import io.accessproof.devkit.load.LoadGenerator;
import io.accessproof.devkit.load.LoadResult;
import io.accessproof.devkit.load.ReceiptPlayer;
import io.accessproof.devkit.load.Schedule;
import io.accessproof.devkit.load.StoredEvents;
import io.accessproof.devkit.load.StripeEvent;
import io.accessproof.server.support.TestApp;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * Time to proof against the dev stack: Stripe's own events replayed to accessproof at fixed rates (or as
 * a burst) after the demo app has applied them, with the emulator's API latency and rate limit set
 * realistically. Measures the ack, the time from an event's due time to its run's {@code proven_at},
 * and how long the backlog takes to drain. {@code bench/run-proof.sh} runs it.
 */
public final class ProofBench {

    /**
     * @param proof {@code probe}: the HTTP probe of the demo app proves each run; {@code receipt}: the
     *              application runs with {@code proving.probe: RECEIPT} and the bench plays the app,
     *              sending a processed receipt {@code receiptDelay} after each event's 2xx
     */
    record Options(String scenario, List<Double> rates, Duration duration, int repeats, int burstEvents,
                   Duration burstOver, double stripeBudget, long apiLatencyMs, int apiRateLimit, Duration drainTimeout,
                   String proof, Duration receiptDelay) {
        static final Map<String, String> DEFAULTS = Map.ofEntries(Map.entry("scenario", "rates"),
                Map.entry("rates", "25,50,100,200"), Map.entry("duration", "10"), Map.entry("repeats", "3"),
                Map.entry("burst-events", "2000"), Map.entry("burst-over", "10"), Map.entry("stripe-budget", ""),
                Map.entry("api-latency-ms", "80"), Map.entry("api-rate-limit", "100"), Map.entry("drain-timeout", "240"),
                Map.entry("proof", "probe"), Map.entry("receipt-delay", "0.1"));

        static Options parse(String[] args) {
            Map<String, String> a = Stats.args(args, DEFAULTS);
            boolean burst = a.get("scenario").equals("burst");
            String budget = a.get("stripe-budget").isEmpty() ? (burst ? "25" : "90") : a.get("stripe-budget");
            return new Options(a.get("scenario"), Arrays.stream(a.get("rates").split(",")).map(Double::parseDouble).toList(),
                    seconds(a.get("duration")), Integer.parseInt(a.get("repeats")), Integer.parseInt(a.get("burst-events")),
                    seconds(a.get("burst-over")), Double.parseDouble(budget), Long.parseLong(a.get("api-latency-ms")),
                    Integer.parseInt(a.get("api-rate-limit")), seconds(a.get("drain-timeout")), proof(a.get("proof")),
                    seconds(a.get("receipt-delay")));
        }

        boolean byReceipt() {
            return proof.equals("receipt");
        }

        private static String proof(String p) {
            if (!p.equals("probe") && !p.equals("receipt")) {
                throw new IllegalArgumentException("--proof must be probe or receipt, not " + p);
            }
            return p;
        }

        private static Duration seconds(String s) {
            return Duration.ofMillis((long) (Double.parseDouble(s) * 1000));
        }
    }

    /** One run: the ack side (the generator's result) and the proof side (from the runs table). */
    record Proof(String label, double rate, LoadResult ack, String receipts, Histogram timeToProofMicros,
                 Map<String, Long> states, Map<String, Long> proofSources, String stages,
                 double lastProvenAfterLastDueSeconds, double firstDueToLastProvenSeconds, long peakRssMb, long peakHeapMb) {
        long proven() {
            return timeToProofMicros.getTotalCount();
        }

        double ttp(double percentile) {
            return proven() == 0 ? Double.NaN : timeToProofMicros.getValueAtPercentile(percentile) / 1e6;
        }

        String summary() {
            return String.format("%s%s%n  time to proof: %d of %d proven, p50 %.2f s, p99 %.2f s; last proof %.1f s after "
                            + "the last send, %.1f s after the first; run states %s, proven by %s; peak RSS %d MiB, peak heap %d MiB%n  stages p50/p99 (s): %s",
                    ack.summary(), receipts.isEmpty() ? "" : "\n  " + receipts, proven(), ack.ledger().acceptedIds().size(), ttp(50), ttp(99),
                    lastProvenAfterLastDueSeconds, firstDueToLastProvenSeconds, states, proofSources, peakRssMb, peakHeapMb, stages);
        }
    }

    private ProofBench() {
    }

    public static void main(String[] args) throws Exception {
        Stats.quietLogging();
        Options o = Options.parse(args);
        PrintStream out = System.out;
        out.println("scenario " + o.scenario() + ": emulator API latency " + o.apiLatencyMs() + " ms, rate limit "
                + o.apiRateLimit() + "/s; accessproof stripe.apiRequestsPerSecond " + o.stripeBudget() + "; proof by "
                + (o.byReceipt() ? "receipt, sent " + o.receiptDelay().toMillis() + " ms after each 2xx" : "the demo app's HTTP probe"));
        List<Proof> all = run(o, out);
        out.println();
        out.println(o.scenario().equals("burst") ? burstTable(all, o) : ratesTable(all, o));
        boolean valid = all.stream().allMatch(p -> p.ack().ledger().valid());
        out.println(valid ? "All ledgers balance; every 2xx event was found in PostgreSQL."
                : "SOME RUNS ARE VOID: their ledger does not balance (see above).");
        System.exit(valid ? 0 : 1);
    }

    static List<Proof> run(Options o, PrintStream out) throws Exception {
        List<Proof> all = new ArrayList<>();
        try (ProofStack stack = ProofStack.start(o.stripeBudget(), o.byReceipt() ? "RECEIPT" : "HTTP", "target/proof-app.log")) {
            measure(stack, o, "warm-up", Schedule.constant(20, Duration.ofSeconds(1)), 20);
            for (int r = 1; r <= o.repeats(); r++) {
                if (o.scenario().equals("burst")) {
                    Schedule burst = Schedule.burst(o.burstEvents(), o.burstOver());
                    all.add(print(out, measure(stack, o, "burst #" + r, burst, o.burstEvents() / secondsOf(o.burstOver()))));
                } else {
                    for (double rate : o.rates()) {
                        all.add(print(out, measure(stack, o, rate + "/s #" + r, Schedule.constant(rate, o.duration()), rate)));
                    }
                }
            }
        }
        return all;
    }

    private static Proof print(PrintStream out, Proof p) {
        out.println(p.summary() + "\n  machine: " + Stats.machineLoad());
        return p;
    }

    private static double secondsOf(Duration d) {
        return Math.max(d.toMillis(), 1) / 1000.0;
    }

    private static Proof measure(ProofStack stack, Options o, String label, Schedule schedule, double rate) throws Exception {
        List<StripeEvent> events = stack.prepare(schedule.size());
        stack.stripeFaults(o.apiLatencyMs(), o.apiRateLimit());
        Iterator<StripeEvent> next = events.iterator();
        resetPeaks();
        LoadGenerator generator = new LoadGenerator(LoadGenerator.Options.of(
                URI.create(stack.app.url("/webhooks/stripe")), TestApp.SECRET));
        LoadResult ack;
        String receipts = "";
        if (o.byReceipt()) {
            try (ReceiptPlayer app = new ReceiptPlayer(new ReceiptPlayer.Options(URI.create(stack.app.url("/receipts")),
                    TestApp.RECEIPT_SECRET, o.receiptDelay(), 0, 0))) {
                ack = generator.run(label, schedule, next::next, app, p -> { }, Duration.ofSeconds(1));
                app.awaitQuiet(Duration.ofSeconds(60));
                receipts = app.toString();
            }
        } else {
            ack = generator.run(label, schedule, next::next);
        }
        StoredEvents.check(ack.ledger(), stack.db.jdbcUrl(), stack.db.user(), stack.db.password());
        Proof proof = awaitProof(stack, o, label, rate, ack, receipts);
        stack.clearFaults();
        return proof;
    }

    private static Proof awaitProof(ProofStack stack, Options o, String label, double rate, LoadResult ack,
                                    String receipts) {
        List<String> ids = List.copyOf(ack.ledger().acceptedIds());
        long deadline = System.nanoTime() + o.drainTimeout().toNanos();
        while (System.nanoTime() < deadline && provenCount(stack, ids) < ids.size()) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(250));
        }
        long peakRss = peakRssMb();
        long peakHeap = peakHeapMb();
        Histogram ttp = new Histogram(TimeUnit.HOURS.toMicros(1), 3);
        Map<String, Long> states = new TreeMap<>();
        Map<String, Long> sources = new TreeMap<>();
        long lastProven = 0;
        long firstDue = Long.MAX_VALUE;
        long lastDue = 0;
        for (Map<String, Object> row : stack.jdbi().withHandle(h -> h.createQuery("SELECT event_id, state, proof_source, "
                        + "(extract(epoch FROM proven_at) * 1000)::bigint AS proven_ms FROM runs WHERE event_id = ANY(:ids)")
                .bindArray("ids", String.class, ids.toArray()).mapToMap().list())) {
            String id = (String) row.get("event_id");
            states.merge((String) row.get("state"), 1L, Long::sum);
            if (row.get("proof_source") instanceof String source) {
                sources.merge(source, 1L, Long::sum);
            }
            long due = ack.ledger().dueAt(id);
            firstDue = Math.min(firstDue, due);
            lastDue = Math.max(lastDue, due);
            if (row.get("proven_ms") instanceof Number provenMs) {
                ttp.recordValue(Math.max(0, (provenMs.longValue() - due) * 1000));
                lastProven = Math.max(lastProven, provenMs.longValue());
            }
        }
        states.put("no run", (long) ids.size() - states.values().stream().mapToLong(Long::longValue).sum());
        return new Proof(label, rate, ack, receipts, ttp, states, sources, stages(stack, ids),
                (lastProven - lastDue) / 1000.0, (lastProven - firstDue) / 1000.0, peakRss, peakHeap);
    }

    /** Where a proof's time goes: stored → handed to Temporal → run started → reconciled → proven. */
    private static String stages(ProofStack stack, List<String> ids) {
        String[] names = {"outbox", "workflow start", "reconcile", "probe"};
        String[] spans = {"e.dispatched - e.received", "s.a - e.dispatched", "s.p - s.a", "s.v - s.p"};
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int i = 0; i < spans.length; i++) {
            for (int q = 0; q < 2; q++) {
                sql.append(i == 0 && q == 0 ? "" : ", ").append("percentile_cont(").append(q == 0 ? 0.5 : 0.99)
                        .append(") WITHIN GROUP (ORDER BY extract(epoch FROM ").append(spans[i]).append(")) AS s")
                        .append(2 * i + q);
            }
        }
        // A state's first entry: receipts and rechecks add later notes in the same state.
        sql.append(" FROM stripe_events e JOIN LATERAL (SELECT "
                + "min(at) FILTER (WHERE state = 'accepted') AS a, min(at) FILTER (WHERE state = 'proving') AS p, "
                + "min(at) FILTER (WHERE state = 'proven') AS v FROM run_timeline t WHERE t.event_id = e.event_id) s ON true "
                + "WHERE e.event_id = ANY(:ids) AND s.a IS NOT NULL AND s.p IS NOT NULL AND s.v IS NOT NULL");
        Map<String, Object> row = stack.jdbi().withHandle(h -> h.createQuery(sql.toString())
                .bindArray("ids", String.class, ids.toArray()).mapToMap().one());
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < names.length; i++) {
            out.append(i == 0 ? "" : ", ").append(names[i]).append(' ')
                    .append(format(row.get("s" + 2 * i))).append('/').append(format(row.get("s" + (2 * i + 1))));
        }
        return out.toString();
    }

    private static String format(Object seconds) {
        return seconds instanceof Number n ? String.format("%.3f", n.doubleValue()) : "–";
    }

    private static long provenCount(ProofStack stack, List<String> ids) {
        return stack.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM runs WHERE proven_at IS NOT NULL "
                + "AND event_id = ANY(:ids)").bindArray("ids", String.class, ids.toArray()).mapTo(Long.class).one());
    }

    /** Peak RSS (VmHWM) and heap-pool peaks restart here; writing 5 to clear_refs resets VmHWM on Linux. */
    private static void resetPeaks() {
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
        } catch (Exception e) {
            // not Linux, or not permitted: the RSS peak is then since JVM start, and says so in RESULTS
        }
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    private static long peakRssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
        } catch (Exception e) {
            // not Linux
        }
        return -1;
    }

    private static long peakHeapMb() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum() / (1024 * 1024);
    }

    static String ratesTable(List<Proof> all, Options o) {
        StringBuilder t = new StringBuilder("| rate | events/run | ack p50 ms | ack p99 ms | ack max ms | time to proof p50 s "
                + "| time to proof p99 s | last proof after last send, s | proven |\n|---|---|---|---|---|---|---|---|---|\n");
        for (double rate : o.rates()) {
            List<Proof> runs = all.stream().filter(p -> p.rate() == rate).toList();
            if (runs.isEmpty()) {
                continue;
            }
            t.append(String.format("| %.0f/s | %d | %s | %s | %s | %s | %s | %s | %s |%n", rate, runs.get(0).ack().schedule().size(),
                    Stats.summary(runs, p -> p.ack().percentileMillis(50), "%.1f"),
                    Stats.summary(runs, p -> p.ack().percentileMillis(99), "%.1f"),
                    Stats.summary(runs, p -> p.ack().maxMillis(), "%.0f"),
                    Stats.summary(runs, p -> p.ttp(50), "%.2f"), Stats.summary(runs, p -> p.ttp(99), "%.2f"),
                    Stats.summary(runs, Proof::lastProvenAfterLastDueSeconds, "%.1f"),
                    runs.stream().map(p -> p.proven() + "/" + p.ack().ledger().acceptedIds().size()).toList()));
        }
        t.append(String.format("%nmedian (min–max) of %d repetitions, %d s per rate.%n", o.repeats(), o.duration().toSeconds()));
        return t.toString();
    }

    static String burstTable(List<Proof> all, Options o) {
        StringBuilder t = new StringBuilder("| events | 2xx | 503 | other non-2xx | ack p50 ms | ack p99 ms | ack max ms "
                + "| drain: first send → last proof, s | events ÷ Stripe budget, s | time to proof p99 s | peak RSS MiB | peak heap MiB |\n"
                + "|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        t.append(String.format("| %d over %d s | %s | %s | %s | %s | %s | %s | %s | %.0f | %s | %s | %s |%n", o.burstEvents(),
                o.burstOver().toSeconds(),
                Stats.summary(all, p -> p.ack().ledger().ok(), "%.0f"),
                Stats.summary(all, p -> p.ack().ledger().count(503), "%.0f"),
                Stats.summary(all, p -> p.ack().ledger().sentCount() - p.ack().ledger().ok() - p.ack().ledger().count(503), "%.0f"),
                Stats.summary(all, p -> p.ack().percentileMillis(50), "%.1f"),
                Stats.summary(all, p -> p.ack().percentileMillis(99), "%.1f"),
                Stats.summary(all, p -> p.ack().maxMillis(), "%.0f"),
                Stats.summary(all, Proof::firstDueToLastProvenSeconds, "%.1f"),
                o.burstEvents() / o.stripeBudget(),
                Stats.summary(all, p -> p.ttp(99), "%.1f"),
                Stats.summary(all, Proof::peakRssMb, "%.0f"), Stats.summary(all, Proof::peakHeapMb, "%.0f")));
        t.append(String.format("%nmedian (min–max) of %d bursts; Stripe budget stripe.apiRequestsPerSecond = %.0f.%n",
                o.repeats(), o.stripeBudget()));
        return t.toString();
    }
}
