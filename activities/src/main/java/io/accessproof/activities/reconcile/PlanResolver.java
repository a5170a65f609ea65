package io.accessproof.activities.reconcile;

import static io.accessproof.activities.reconcile.Json.id;
import static io.accessproof.activities.reconcile.Json.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Resolves a subscription's plan from its items' prices with {@link PlanMapping}'s order. The first
 * item whose plan comes from configuration or metadata wins; else the first item's lookup key. A
 * product that was not expanded is fetched only when its metadata is needed.
 */
final class PlanResolver {
    /** @param quantity the item's quantity: the seats paid for on that plan */
    record Resolved(String plan, String priceId, String lookupKey, Integer quantity) {
    }

    private final PlanMapping plans;
    private final StripeReader reader;

    PlanResolver(PlanMapping plans, StripeReader reader) {
        this.plans = plans;
        this.reader = reader;
    }

    Resolved resolve(JsonNode subscription) {
        Resolved fallback = null;
        for (JsonNode item : subscription.path("items").path("data")) {
            // very old API versions have only item.plan; it carries id, metadata and product like a price
            JsonNode price = item.path("price").isObject() ? item.path("price") : item.path("plan");
            if (!price.isObject()) {
                continue;
            }
            String priceId = text(price, "id");
            String lookupKey = text(price, "lookup_key");
            String pricePlan = text(price, "metadata", "plan");
            String productPlan = null;
            if (lookupKey == null || !plans.lookupKeys().containsKey(lookupKey)) {
                productPlan = productPlan(price.path("product"));
            }
            Integer quantity = item.path("quantity").canConvertToInt() ? item.path("quantity").intValue() : null;
            Resolved r = new Resolved(plans.resolve(priceId, lookupKey, productPlan, pricePlan), priceId, lookupKey,
                    quantity);
            if (plans.resolvesExplicitly(priceId, lookupKey, productPlan, pricePlan)) {
                return r;
            }
            if (fallback == null) {
                fallback = r;
            }
        }
        return fallback != null ? fallback : new Resolved(null, null, null, null);
    }

    private String productPlan(JsonNode product) {
        if (product.isObject()) {
            return text(product, "metadata", "plan");
        }
        String productId = id(product);
        if (productId == null) {
            return null;
        }
        JsonNode fetched = reader.get("/v1/products/" + URLEncoder.encode(productId, StandardCharsets.UTF_8), Map.of(), productId);
        return text(fetched, "metadata", "plan");
    }
}
