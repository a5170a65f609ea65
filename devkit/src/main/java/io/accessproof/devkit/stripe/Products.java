package io.accessproof.devkit.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code /v1/products}: create (custom id allowed), retrieve, update, list. */
final class Products {
    private final Context ctx;

    Products(Context ctx) {
        this.ctx = ctx;
    }

    void routes(Router r) {
        r.post("/v1/products", req -> create(req.origin(), req.params()).deepCopy())
                .get("/v1/products", req -> Pager.page(ctx.store().list(req.account(), "product",
                        p -> !req.params().has("active")
                                || req.params().bool("active") == p.path("active").asBoolean()),
                        req.params(), "/v1/products", p -> p))
                .get("/v1/products/{id}", req -> ctx.store().require(req.account(), req.pathParam(1), "product", "id"))
                .post("/v1/products/{id}", this::update);
    }

    ObjectNode create(EventOrigin origin, Params p) {
        long now = ctx.clock().now();
        ObjectNode product = ctx.newObject("prod", "product", now);
        String id = p.string("id");
        if (id != null) {
            if (ctx.store().get(origin.account(), id) != null) {
                throw new StripeError(400, "invalid_request_error", "resource_already_exists",
                        "Product already exists.", "id");
            }
            product.put("id", id);
        }
        product.put("active", p.bool("active") == null || p.bool("active"));
        product.putNull("default_price");
        product.put("description", p.string("description"));
        product.putArray("images");
        product.putArray("marketing_features");
        product.putObject("metadata");
        product.put("name", p.required("name"));
        product.putNull("package_dimensions");
        product.putNull("shippable");
        product.putNull("statement_descriptor");
        product.putNull("tax_code");
        product.put("type", "service");
        product.putNull("unit_label");
        product.put("updated", now);
        product.putNull("url");
        Diff.applyMetadata(product, p.strings("metadata"));
        ctx.store().put(origin.account(), product);
        ctx.events().emit(origin, "product.created", product.deepCopy(), null, now);
        return product;
    }

    private JsonNode update(ApiRequest req) {
        ObjectNode product = ctx.store().require(req.account(), req.pathParam(1), "product", "id");
        ObjectNode before = product.deepCopy();
        Params p = req.params();
        if (p.string("name") != null) {
            product.put("name", p.string("name"));
        }
        if (p.has("description")) {
            product.put("description", p.string("description"));
        }
        if (p.bool("active") != null) {
            product.put("active", p.bool("active"));
        }
        if (p.has("default_price")) {
            product.put("default_price", p.string("default_price"));
        }
        Diff.applyMetadata(product, p.strings("metadata"));
        ObjectNode previous = Diff.previous(before, product);
        if (!previous.isEmpty()) {
            product.put("updated", ctx.clock().now());
            ctx.events().emit(req.origin(), "product.updated", product.deepCopy(), previous, ctx.clock().now());
        }
        return product;
    }
}
