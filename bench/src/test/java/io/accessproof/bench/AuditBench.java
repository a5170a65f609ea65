package io.accessproof.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.accessproof.server.support.DevStack;
import io.accessproof.server.support.TestApp;
import io.dropwizard.testing.ConfigOverride;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;

/**
 * A drift audit of many customers with the Stripe budget at a fixed rate: the emulator is seeded with
 * {@code --customers} customers (a subscription each, a {@code --canceled} share canceled, no event delivered)
 * and the demo app with what they should have except a {@code --wrong} share, half of whom paid and got
 * nothing, half of whom cancelled and kept access. The audit (a dry run) must name exactly those; printed:
 * its duration against 1.2 × (Stripe reads ÷ budget), reads per customer, and the heap before and after.
 * {@code bench/run-audit.sh [--customers 10000] [--wrong 0.02] [--canceled 0.1] [--budget 25]}
 */
public final class AuditBench {
    private static final ObjectMapper JSON = BenchHttp.JSON;

    private AuditBench() {
    }

    record Result(int customers, double seconds, long stripeReads, Set<String> expectedWrong, Set<String> foundWrong,
                  long heapBeforeMiB, long heapAfterMiB) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = Stats.args(args, Map.of("customers", "10000", "wrong", "0.02", "canceled", "0.1",
                "budget", "25"));
        Stats.quietLogging();
        Result r = run(Integer.parseInt(o.get("customers")), Double.parseDouble(o.get("wrong")),
                Double.parseDouble(o.get("canceled")), Double.parseDouble(o.get("budget")));
        double budget = Double.parseDouble(o.get("budget"));
        System.out.printf(Locale.ROOT, "audit of %,d customers, Stripe budget %.0f/s; %s%n", r.customers, budget,
                Stats.machineLoad());
        System.out.printf(Locale.ROOT, "  duration %.1f s (goal: within 1.2 x %,d reads / %.0f = %.1f s)%n", r.seconds,
                r.stripeReads, budget, 1.2 * r.stripeReads / budget);
        System.out.printf(Locale.ROOT, "  Stripe reads %,d = %.3f per customer (goal <= 1.1)%n", r.stripeReads,
                (double) r.stripeReads / r.customers);
        System.out.printf(Locale.ROOT, "  wrong customers: %,d seeded, %,d found, exactly those: %s%n",
                r.expectedWrong.size(), r.foundWrong.size(), r.expectedWrong.equals(r.foundWrong));
        System.out.printf(Locale.ROOT, "  heap after GC: %,d MiB before the audit, %,d MiB after (goal: within 50)%n",
                r.heapBeforeMiB, r.heapAfterMiB);
    }

    static Result run(int customers, double wrongShare, double canceled, double budget) throws Exception {
        try (DevStack stack = DevStack.start(ConfigOverride.config("logging.level", "WARN"),
                ConfigOverride.config("sweep.enabled", "false"),
                ConfigOverride.config("stripe.apiRequestsPerSecond", String.valueOf(budget)))) {
            ArrayNode seeded = (ArrayNode) BenchHttp.post(stack.emulator().baseUrl() + "/_emulator/seed/customers",
                    JSON.createObjectNode().put("count", customers).put("canceled", canceled)).path("customers");
            Set<String> wrong = seedTheApp(stack, seeded, wrongShare);
            long heapBefore = heapAfterGc();
            long since = System.currentTimeMillis();
            long start = System.nanoTime();
            String auditId = BenchHttp.post(stack.app().url("/api/audits"),
                    JSON.createObjectNode().put("dry_run", true), TestApp.API_TOKEN).path("audit_id").asText();
            JsonNode audit = awaitDone(stack, auditId);
            double seconds = (System.nanoTime() - start) / 1e9;
            long reads = stripeReadsSince(stack, since);
            Set<String> found = new HashSet<>(audit.path("wrong").findValuesAsText("customer_id"));
            return new Result(audit.path("customers").asInt(), seconds, reads, wrong, found, heapBefore, heapAfterGc());
        }
    }

    /** What the app grants: what each paid for, except the wrong share. Returns the wrong customers. */
    private static Set<String> seedTheApp(DevStack stack, ArrayNode seeded, double wrongShare) throws Exception {
        int wrongEvery = wrongShare <= 0 ? Integer.MAX_VALUE : (int) Math.round(1 / wrongShare);
        Set<String> wrong = new HashSet<>();
        ArrayNode accounts = JSON.createArrayNode();
        for (int i = 0; i < seeded.size(); i++) {
            JsonNode s = seeded.get(i);
            boolean paid = "active".equals(s.path("status").asText());
            boolean flip = i % wrongEvery == 0;
            if (flip) {
                wrong.add(s.path("customer_id").asText());
            }
            accounts.addObject().put("customer_id", s.path("customer_id").asText())
                    .put("subscription_id", s.path("subscription_id").asText())
                    .put("plan", s.path("plan").asText()).put("active", paid != flip);
        }
        ObjectNode body = JSON.createObjectNode();
        body.set("accounts", accounts);
        BenchHttp.post(stack.demoUrl() + "/_demo/seed", body);
        return wrong;
    }

    private static JsonNode awaitDone(DevStack stack, String auditId) throws Exception {
        while (true) {
            JsonNode audit = JSON.readTree(stack.app().get(stack.app().url("/api/audits/" + auditId),
                    TestApp.API_TOKEN).body());
            if (!"running".equals(audit.path("status").asText())) {
                return audit;
            }
            LockSupport.parkNanos(500_000_000L);
        }
    }

    private static long stripeReadsSince(DevStack stack, long sinceMillis) throws Exception {
        JsonNode log = BenchHttp.get(stack.emulator().baseUrl() + "/_emulator/requests?since=" + sinceMillis);
        long reads = 0;
        for (JsonNode entry : log.path("data")) {
            String path = entry.path("path").asText();
            if (path.startsWith("/v1/customers") || path.startsWith("/v1/subscriptions")
                    || path.startsWith("/v1/products")) {
                reads++;
            }
        }
        return reads;
    }

    private static long heapAfterGc() {
        System.gc();
        Runtime rt = Runtime.getRuntime();
        return (rt.totalMemory() - rt.freeMemory()) / (1024 * 1024);
    }
}
