package io.accessproof.devkit.stripe;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Plans free / pro / team (prices {@code <plan>_monthly}, metadata plan=…, features=…) and three customers. */
final class DemoCatalogue {
    private record Plan(String name, String title, long amount, String features) {
    }

    private static final List<Plan> PLANS = List.of(
            new Plan("free", "Free", 0, "basic"),
            new Plan("pro", "Pro", 2000, "basic,reports"),
            new Plan("team", "Team", 5000, "basic,reports,team_seats"));

    private DemoCatalogue() {
    }

    /** Idempotent: a plan whose price lookup key exists is skipped. Caller holds the store lock. */
    static void seed(Context ctx, Products products, Prices prices, Customers customers, EventOrigin origin) {
        String account = origin.account();
        for (Plan plan : PLANS) {
            String lookupKey = plan.name() + "_monthly";
            if (!ctx.store().list(account, "price", p -> lookupKey.equals(p.path("lookup_key").asText(null))).isEmpty()) {
                continue;
            }
            Map<String, Object> product = new LinkedHashMap<>();
            product.put("name", plan.title());
            product.put("metadata", Map.of("plan", plan.name(), "features", plan.features()));
            String productId = products.create(origin, new Params(product)).get("id").asText();
            Map<String, Object> price = new LinkedHashMap<>();
            price.put("product", productId);
            price.put("unit_amount", Long.toString(plan.amount()));
            price.put("currency", "usd");
            price.put("lookup_key", lookupKey);
            price.put("nickname", plan.title() + " monthly");
            price.put("recurring", Map.of("interval", "month"));
            price.put("metadata", Map.of("plan", plan.name()));
            prices.create(origin, new Params(price));
        }
        if (ctx.store().list(account, "customer", c -> true).isEmpty()) {
            for (String name : List.of("Ada Lovelace", "Grace Hopper", "Alan Turing")) {
                Map<String, Object> customer = new LinkedHashMap<>();
                customer.put("name", name);
                customer.put("email", name.toLowerCase().replace(' ', '.') + "@example.com");
                customers.create(origin, new Params(customer));
            }
        }
    }
}
