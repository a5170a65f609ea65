package io.accessproof.devkit.demoapp;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;

/** What a Stripe subscription object grants in the demo app: a plan name and whether it is active. */
final class Entitlement {
    private static final Set<String> ACTIVE = Set.of("active", "trialing");
    /** The demo catalogue's plans, lowest first. */
    private static final List<String> PLANS = List.of("free", "pro", "team");

    private Entitlement() {
    }

    /** Null when the object carries no usable price. */
    static Account fromSubscription(JsonNode sub, boolean deleted) {
        JsonNode price = sub.path("items").path("data").path(0).path("price");
        String plan = plan(price);
        if (plan == null) {
            return null;
        }
        boolean active = !deleted && ACTIVE.contains(sub.path("status").asText());
        JsonNode quantity = sub.path("items").path("data").path(0).path("quantity");
        return new Account(sub.path("customer").asText(), plan, active,
                quantity.canConvertToInt() ? quantity.intValue() : null);
    }

    static String plan(JsonNode price) {
        String lookupKey = price.path("lookup_key").asText("");
        if (!lookupKey.isEmpty()) {
            int cut = lookupKey.indexOf('_');
            return cut > 0 ? lookupKey.substring(0, cut) : lookupKey;
        }
        String fromPrice = price.path("metadata").path("plan").asText("");
        if (!fromPrice.isEmpty()) {
            return fromPrice;
        }
        String fromProduct = price.path("product").path("metadata").path("plan").asText("");
        return fromProduct.isEmpty() ? null : fromProduct;
    }

    /** Higher for a higher plan; -1 for a plan the catalogue does not know. */
    static int rank(String plan) {
        return PLANS.indexOf(plan);
    }

    /** The plan a buggy deploy hands out instead. */
    static String wrongPlan(String plan) {
        return switch (plan) {
            case "pro" -> "team";
            case "team" -> "pro";
            default -> "pro";
        };
    }
}
