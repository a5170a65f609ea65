package io.accessproof.devkit.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Active entitlements: the features (product metadata {@code features=a,b}) of the products of a
 * customer's live subscriptions. A change emits {@code entitlements.active_entitlement_summary.updated}.
 */
final class Entitlements {
    private static final Set<String> LIVE = Set.of("active", "trialing", "past_due");
    private final Context ctx;
    private final Map<String, String> stableIds = new HashMap<>();
    private final Map<String, List<ObjectNode>> lastSummary = new HashMap<>();

    Entitlements(Context ctx) {
        this.ctx = ctx;
    }

    void routes(Router r) {
        r.get("/v1/entitlements/active_entitlements", req -> {
            String customer = req.params().required("customer");
            return Pager.page(active(req.account(), customer), req.params(),
                    "/v1/entitlements/active_entitlements", e -> e);
        });
    }

    /** Caller holds the store lock. */
    List<ObjectNode> active(String account, String customer) {
        Set<String> features = new LinkedHashSet<>();
        for (ObjectNode sub : ctx.store().list(account, "subscription",
                s -> customer.equals(s.path("customer").asText()) && LIVE.contains(s.path("status").asText()))) {
            for (JsonNode item : sub.path("items").path("data")) {
                ObjectNode product = ctx.store().get(account, item.path("price").path("product").asText());
                String list = product == null ? "" : product.path("metadata").path("features").asText("");
                for (String f : list.split(",")) {
                    if (!f.isBlank()) {
                        features.add(f.trim());
                    }
                }
            }
        }
        List<ObjectNode> out = new ArrayList<>();
        for (String feature : features) {
            ObjectNode e = Json.object();
            e.put("id", stableIds.computeIfAbsent(account + "/" + customer + "/" + feature, k -> ctx.ids().next("ent")));
            e.put("object", "entitlements.active_entitlement");
            e.put("feature", stableIds.computeIfAbsent(account + "/feature/" + feature, k -> ctx.ids().next("feat")));
            e.put("livemode", false);
            e.put("lookup_key", feature);
            out.add(e);
        }
        return out;
    }

    /** Emits the summary event when the customer's features changed since the last summary. */
    void refresh(EventOrigin origin, String customer, long now) {
        String key = origin.account() + "/" + customer;
        List<ObjectNode> current = active(origin.account(), customer);
        List<ObjectNode> previous = lastSummary.getOrDefault(key, List.of());
        if (current.equals(previous)) {
            return;
        }
        lastSummary.put(key, current);
        ObjectNode summary = Json.object();
        summary.put("object", "entitlements.active_entitlement_summary");
        summary.put("customer", customer);
        summary.set("entitlements", Json.list(current, false, "/v1/customer/" + customer + "/entitlements"));
        summary.put("livemode", false);
        ObjectNode prev = Json.object();
        prev.putObject("entitlements").set("data", Json.MAPPER.valueToTree(previous));
        ctx.events().emit(origin, "entitlements.active_entitlement_summary.updated", summary, prev, now);
    }
}
