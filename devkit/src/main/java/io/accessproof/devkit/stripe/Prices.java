package io.accessproof.devkit.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** {@code /v1/prices}: create (with lookup_key, recurring, metadata), retrieve, update, list. */
final class Prices {
    private final Context ctx;
    private final Products products;

    Prices(Context ctx, Products products) {
        this.ctx = ctx;
        this.products = products;
    }

    void routes(Router r) {
        r.post("/v1/prices", req -> create(req.origin(), req.params()).deepCopy())
                .get("/v1/prices", this::list)
                .get("/v1/prices/{id}", req -> require(req.account(), req.pathParam(1), "id"))
                .post("/v1/prices/{id}", this::update);
    }

    ObjectNode require(String account, String id, String param) {
        return ctx.store().require(account, id, "price", param);
    }

    ObjectNode create(EventOrigin origin, Params p) {
        String product = p.string("product");
        if (product == null) {
            Params data = p.child("product_data");
            if (data == null) {
                throw StripeError.missingParam("product");
            }
            product = products.create(origin, data).get("id").asText();
        } else {
            ctx.store().require(origin.account(), product, "product", "product");
        }
        long now = ctx.clock().now();
        ObjectNode price = ctx.newObject("price", "price", now);
        price.put("active", p.bool("active") == null || p.bool("active"));
        price.put("billing_scheme", "per_unit");
        price.put("currency", p.string("currency") == null ? "usd" : p.string("currency"));
        price.putNull("custom_unit_amount");
        price.putNull("lookup_key");
        setLookupKey(origin.account(), price, p.string("lookup_key"), Boolean.TRUE.equals(p.bool("transfer_lookup_key")));
        price.putObject("metadata");
        price.put("nickname", p.string("nickname"));
        price.put("product", product);
        Params recurring = p.child("recurring");
        if (recurring != null) {
            ObjectNode rec = price.putObject("recurring");
            rec.put("interval", recurring.required("interval"));
            rec.put("interval_count", recurring.longValue("interval_count") == null ? 1 : recurring.longValue("interval_count"));
            rec.putNull("meter");
            rec.putNull("trial_period_days");
            rec.put("usage_type", "licensed");
        } else {
            price.putNull("recurring");
        }
        price.put("tax_behavior", "unspecified");
        price.putNull("tiers_mode");
        price.putNull("transform_quantity");
        price.put("type", recurring == null ? "one_time" : "recurring");
        long amount = p.longValue("unit_amount") == null ? 0 : p.longValue("unit_amount");
        price.put("unit_amount", amount);
        price.put("unit_amount_decimal", Long.toString(amount));
        Diff.applyMetadata(price, p.strings("metadata"));
        ctx.store().put(origin.account(), price);
        ctx.events().emit(origin, "price.created", price.deepCopy(), null, now);
        return price;
    }

    private void setLookupKey(String account, ObjectNode price, String key, boolean transfer) {
        if (key == null) {
            return;
        }
        for (ObjectNode other : ctx.store().list(account, "price", o -> key.equals(o.path("lookup_key").asText(null)))) {
            if (!transfer) {
                throw StripeError.invalid("A price (`" + other.get("id").asText() + "`) already uses that lookup key.", "lookup_key");
            }
            other.putNull("lookup_key");
        }
        price.put("lookup_key", key);
    }

    private JsonNode list(ApiRequest req) {
        Params q = req.params();
        List<String> keys = q.stringList("lookup_keys");
        List<ObjectNode> prices = ctx.store().list(req.account(), "price", p ->
                (keys.isEmpty() || keys.contains(p.path("lookup_key").asText(null)))
                        && (q.string("product") == null || q.string("product").equals(p.path("product").asText()))
                        && (!q.has("active") || q.bool("active") == p.path("active").asBoolean()));
        return Pager.page(prices, q, "/v1/prices", p -> p);
    }

    private JsonNode update(ApiRequest req) {
        ObjectNode price = require(req.account(), req.pathParam(1), "id");
        ObjectNode before = price.deepCopy();
        Params p = req.params();
        if (p.has("lookup_key")) {
            setLookupKey(req.account(), price, p.string("lookup_key"), Boolean.TRUE.equals(p.bool("transfer_lookup_key")));
        }
        if (p.bool("active") != null) {
            price.put("active", p.bool("active"));
        }
        if (p.has("nickname")) {
            price.put("nickname", p.string("nickname"));
        }
        Diff.applyMetadata(price, p.strings("metadata"));
        ObjectNode previous = Diff.previous(before, price);
        if (!previous.isEmpty()) {
            ctx.events().emit(req.origin(), "price.updated", price.deepCopy(), previous, ctx.clock().now());
        }
        return price;
    }
}
