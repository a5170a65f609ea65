package io.accessproof.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.accessproof.server.support.DevStack;
import io.accessproof.server.support.TestApp;
import io.dropwizard.testing.ConfigOverride;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * The missed-event sweep over a month: the emulator holds {@code --stored} + {@code --missing} invoice.paid
 * events spread over 30 days, PostgreSQL holds all but the missing ones (as if delivered), and a sweep by hand
 * from 30 days back must find exactly the missing ones within the Stripe budget.
 * {@code bench/run-sweep.sh [--stored 100000] [--missing 1000] [--budget 25]}
 */
public final class SweepBench {
    private static final ObjectMapper JSON = BenchHttp.JSON;

    private SweepBench() {
    }

    record Result(int listed, int alreadyStored, int dispatched, int pages, double seconds) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = Stats.args(args, Map.of("stored", "100000", "missing", "1000", "budget", "25"));
        Stats.quietLogging();
        int stored = Integer.parseInt(o.get("stored"));
        int missing = Integer.parseInt(o.get("missing"));
        double budget = Double.parseDouble(o.get("budget"));
        Result r = run(stored, missing, budget);
        System.out.printf(Locale.ROOT, "sweep over 30 days: %,d events stored, %,d never delivered, "
                + "Stripe budget %.0f/s; %s%n", stored, missing, budget, Stats.machineLoad());
        System.out.printf(Locale.ROOT, "  listed %,d in %,d pages, already stored %,d, dispatched %,d "
                + "(goal: all %,d)%n", r.listed, r.pages, r.alreadyStored, r.dispatched, missing);
        System.out.printf(Locale.ROOT, "  %.1f s; pages at the budget alone would take %.1f s%n", r.seconds,
                r.pages / budget);
    }

    static Result run(int stored, int missing, double budget) throws Exception {
        try (DevStack stack = DevStack.start(ConfigOverride.config("logging.level", "WARN"),
                ConfigOverride.config("sweep.enabled", "false"), ConfigOverride.config("sweep.settle", "0s"),
                ConfigOverride.config("stripe.apiRequestsPerSecond", String.valueOf(budget)))) {
            JsonNode ids = BenchHttp.post(stack.emulator().baseUrl() + "/_emulator/seed/events",
                    JSON.createObjectNode().put("count", stored + missing).put("days", 30)).path("events");
            storeAllBut(stack, ids, missing);
            long start = System.nanoTime();
            String since = LocalDate.now(ZoneOffset.UTC).minusDays(30).toString();
            String sweepId = BenchHttp.post(stack.app().url("/api/sweeps"), JSON.createObjectNode().put("since", since),
                    TestApp.API_TOKEN).path("sweep_id").asText();
            JsonNode sweep;
            do {
                LockSupport.parkNanos(200_000_000L);
                sweep = JSON.readTree(stack.app().get(stack.app().url("/api/sweeps/" + sweepId), TestApp.API_TOKEN)
                        .body());
            } while ("running".equals(sweep.path("status").asText()));
            return new Result(sweep.path("listed").asInt(), sweep.path("already_stored").asInt(),
                    sweep.path("dispatched").asInt(), sweep.path("pages").asInt(), (System.nanoTime() - start) / 1e9);
        }
    }

    /** Stores every seeded event but one in {@code (stored + missing) / missing}, as delivered and dispatched. */
    private static void storeAllBut(DevStack stack, JsonNode ids, int missing) {
        int every = Math.max(1, ids.size() / Math.max(1, missing));
        List<String> delivered = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            if (missing == 0 || i % every != 0 || i / every >= missing) {
                delivered.add(ids.get(i).asText());
            }
        }
        stack.jdbi().useHandle(h -> h.createUpdate("INSERT INTO stripe_events (event_id, type, livemode, created, "
                        + "payload, raw_payload, dispatched) SELECT id, 'invoice.paid', false, now(), '{}'::jsonb, "
                        + "'\\x7b7d'::bytea, now() FROM unnest(:ids) AS id")
                .bind("ids", delivered.toArray(String[]::new)).execute());
    }
}
