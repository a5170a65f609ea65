package io.accessproof.devkit.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The {@code items[]} of a subscription update: change, replace, add or delete one item. */
final class SubscriptionItems {
    private SubscriptionItems() {
    }

    /** An item with {@code id} is changed; without, the item at that index is replaced (lenient) or added. */
    static void update(Context ctx, Prices prices, String account, ObjectNode sub, Params spec, int index) {
        ArrayNode data = sub.with("items").withArray("data");
        ObjectNode target = null;
        String id = spec.string("id");
        for (JsonNode item : data) {
            if (item.path("id").asText().equals(id)) {
                target = (ObjectNode) item;
            }
        }
        if (id != null && target == null) {
            throw StripeError.missing("subscription item", id, "items[" + index + "][id]");
        }
        if (target == null && index < data.size()) {
            target = (ObjectNode) data.get(index);
        }
        if (Boolean.TRUE.equals(spec.bool("deleted")) && target != null) {
            data.remove(index);
            return;
        }
        String priceId = spec.string("price");
        if (target == null) {
            ObjectNode price = prices.require(account, priceId == null ? "" : priceId, "items[" + index + "][price]");
            JsonNode first = data.get(0);
            data.add(SubscriptionShapes.item(ctx, sub.get("id").asText(), price,
                    spec.longValue("quantity") == null ? 1 : spec.longValue("quantity"),
                    first.get("current_period_start").asLong(), first.get("current_period_end").asLong()));
            return;
        }
        if (priceId != null) {
            ObjectNode price = prices.require(account, priceId, "items[" + index + "][price]");
            target.set("price", price.deepCopy());
            target.set("plan", SubscriptionShapes.plan(price));
        }
        if (spec.longValue("quantity") != null) {
            target.put("quantity", spec.longValue("quantity"));
        }
        Diff.applyMetadata(target, spec.strings("metadata"));
    }
}
