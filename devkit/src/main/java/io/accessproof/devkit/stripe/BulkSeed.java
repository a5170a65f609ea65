package io.accessproof.devkit.stripe;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Random;

/**
 * Seeds the emulator at scale without delivering a single event, for audits and sweeps: thousands of
 * customers with a subscription each ({@code POST /_emulator/seed/customers}), or a month of billing events
 * ({@code POST /_emulator/seed/events}). Needs the demo catalogue. Deterministic for a given seed. Caller holds
 * the store lock.
 */
final class BulkSeed {
    private static final List<String> PLANS = List.of("pro", "team");

    private BulkSeed() {
    }

    /**
     * {@code count} customers, each with one subscription on pro or team (alternately), a {@code canceled} share
     * of them canceled; the rest active. Returns {customer_id, subscription_id, plan, status} per customer.
     */
    static ArrayNode customers(Context ctx, int count, double canceled, long seed) {
        Random random = new Random(seed);
        long now = ctx.clock().now();
        ArrayNode seeded = Json.MAPPER.createArrayNode();
        List<ObjectNode> prices = PLANS.stream().map(plan -> ctx.store().list("", "price", p -> (plan + "_monthly")
                .equals(p.path("lookup_key").asText(null))).get(0)).toList();
        for (int i = 0; i < count; i++) {
            ObjectNode customer = ctx.newObject("cus", "customer", now - count + i);
            customer.putObject("metadata");
            customer.putNull("test_clock");
            ctx.store().put("", customer);
            String plan = PLANS.get(i % PLANS.size());
            ObjectNode price = prices.get(i % PLANS.size());
            ObjectNode sub = SubscriptionShapes.subscription(ctx, customer, now);
            String subscriptionId = sub.get("id").asText();
            sub.with("items").withArray("data").add(SubscriptionShapes.item(ctx, subscriptionId, price, 1, now,
                    SubscriptionShapes.periodEnd(price, now)));
            sub.with("items").put("total_count", 1);
            String status = random.nextDouble() < canceled ? "canceled" : "active";
            sub.put("status", status);
            if ("canceled".equals(status)) {
                sub.put("canceled_at", now);
                sub.put("ended_at", now);
            }
            ctx.store().put("", sub);
            seeded.addObject().put("customer_id", customer.get("id").asText()).put("subscription_id", subscriptionId)
                    .put("plan", plan).put("status", status);
        }
        return seeded;
    }

    /**
     * {@code count} {@code invoice.paid} events spread evenly over the last {@code days} days, each recorded as
     * delivered; returns their ids, oldest first.
     */
    static ArrayNode events(Context ctx, int count, int days, String apiVersion) {
        long now = ctx.clock().now();
        long span = days * 86_400L - 60;
        ArrayNode ids = Json.MAPPER.createArrayNode();
        for (int i = 0; i < count; i++) {
            long created = now - span + span * i / Math.max(1, count);
            ObjectNode invoice = ctx.newObject("in", "invoice", created);
            invoice.put("customer", "cus_seeded_" + i).put("status", "paid");
            ObjectNode event = ctx.newObject("evt", "event", created);
            event.put("api_version", apiVersion);
            event.putObject("data").set("object", invoice);
            event.put("pending_webhooks", 0);
            event.put("type", "invoice.paid");
            ctx.store().put("", event);
            ids.add(event.get("id").asText());
        }
        return ids;
    }
}
