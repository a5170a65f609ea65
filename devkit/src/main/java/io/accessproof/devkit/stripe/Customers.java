package io.accessproof.devkit.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code /v1/customers}: create, retrieve, update, delete, list (filter by email). */
final class Customers {
    private final Context ctx;

    Customers(Context ctx) {
        this.ctx = ctx;
    }

    void routes(Router r) {
        r.post("/v1/customers", req -> create(req.origin(), req.params()).deepCopy())
                .get("/v1/customers", req -> Pager.page(ctx.store().list(req.account(), "customer",
                        c -> req.params().string("email") == null
                                || req.params().string("email").equals(c.path("email").asText())),
                        req.params(), "/v1/customers", c -> c))
                .get("/v1/customers/{id}", req -> require(req.account(), req.pathParam(1)))
                .post("/v1/customers/{id}", this::update)
                .delete("/v1/customers/{id}", this::delete);
    }

    ObjectNode require(String account, String id) {
        return ctx.store().require(account, id, "customer", "id");
    }

    ObjectNode create(EventOrigin origin, Params p) {
        String clockId = p.string("test_clock");
        if (clockId != null) {
            ctx.store().require(origin.account(), clockId, "test_helpers.test_clock", "test_clock");
        }
        ObjectNode c = ctx.newObject("cus", "customer", 0);
        c.putObject("address");
        c.put("balance", 0);
        c.putNull("currency");
        c.putNull("default_source");
        c.put("delinquent", false);
        c.put("description", p.string("description"));
        c.putNull("discount");
        c.put("email", p.string("email"));
        c.put("invoice_prefix", c.get("id").asText().substring(4, 11).toUpperCase());
        ObjectNode settings = c.putObject("invoice_settings");
        settings.putNull("custom_fields");
        settings.putNull("default_payment_method");
        settings.putNull("footer");
        settings.putNull("rendering_options");
        c.putObject("metadata");
        c.put("name", p.string("name"));
        c.put("next_invoice_sequence", 1);
        c.put("phone", p.string("phone"));
        c.putArray("preferred_locales");
        c.putNull("shipping");
        c.put("tax_exempt", "none");
        c.put("test_clock", clockId);
        c.put("created", ctx.clock().nowFor(ctx.store(), origin.account(), c));
        Diff.applyMetadata(c, p.strings("metadata"));
        ctx.store().put(origin.account(), c);
        ctx.events().emit(origin, "customer.created", c.deepCopy(), null, c.get("created").asLong());
        return c;
    }

    private JsonNode update(ApiRequest req) {
        ObjectNode c = require(req.account(), req.pathParam(1));
        ObjectNode before = c.deepCopy();
        Params p = req.params();
        for (String field : new String[] {"email", "name", "description", "phone"}) {
            if (p.has(field)) {
                c.put(field, p.string(field));
            }
        }
        Diff.applyMetadata(c, p.strings("metadata"));
        ObjectNode previous = Diff.previous(before, c);
        if (!previous.isEmpty()) {
            ctx.events().emit(req.origin(), "customer.updated", c.deepCopy(), previous,
                    ctx.clock().nowFor(ctx.store(), req.account(), c));
        }
        return c;
    }

    private JsonNode delete(ApiRequest req) {
        ObjectNode c = require(req.account(), req.pathParam(1));
        c.put("object", "deleted_customer");
        ctx.events().emit(req.origin(), "customer.deleted", c.deepCopy().put("object", "customer"), null,
                ctx.clock().nowFor(ctx.store(), req.account(), c));
        ObjectNode out = Json.object();
        out.put("id", c.get("id").asText());
        out.put("object", "customer");
        out.put("deleted", true);
        return out;
    }
}
