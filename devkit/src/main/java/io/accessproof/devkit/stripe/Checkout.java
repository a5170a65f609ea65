package io.accessproof.devkit.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /v1/checkout/sessions} in subscription mode, and the test helper
 * {@code POST /v1/test_helpers/checkout/sessions/{id}/complete} that pays it: customer (if new),
 * subscription, invoice, then {@code checkout.session.completed}.
 */
final class Checkout {
    private final Context ctx;
    private final Customers customers;
    private final Prices prices;
    private final Subscriptions subscriptions;
    private final Billing billing;
    private final Map<String, List<Subscriptions.ItemSpec>> lineItems = new HashMap<>();

    Checkout(Context ctx, Customers customers, Prices prices, Subscriptions subscriptions, Billing billing) {
        this.ctx = ctx;
        this.customers = customers;
        this.prices = prices;
        this.subscriptions = subscriptions;
        this.billing = billing;
    }

    void routes(Router r) {
        r.post("/v1/checkout/sessions", this::create)
                .get("/v1/checkout/sessions", req -> Pager.page(ctx.store().list(req.account(), "checkout.session",
                        s -> true), req.params(), "/v1/checkout/sessions", Checkout::strip))
                .get("/v1/checkout/sessions/{id}", req -> strip(require(req)))
                .post("/v1/checkout/sessions/{id}/expire", this::expire)
                .post("/v1/test_helpers/checkout/sessions/{id}/complete", this::complete);
    }

    private ObjectNode require(ApiRequest req) {
        return ctx.store().require(req.account(), req.pathParam(1), "checkout.session", "session");
    }

    private JsonNode create(ApiRequest req) {
        Params p = req.params();
        String mode = p.required("mode");
        if (!mode.equals("subscription")) {
            throw StripeError.invalid("The emulator supports mode=subscription only.", "mode");
        }
        List<Subscriptions.ItemSpec> items = p.paramsList("line_items").stream()
                .map(i -> new Subscriptions.ItemSpec(i.required("price"),
                        i.longValue("quantity") == null ? 1 : i.longValue("quantity")))
                .toList();
        if (items.isEmpty()) {
            throw StripeError.missingParam("line_items");
        }
        long total = 0;
        for (int i = 0; i < items.size(); i++) {
            total += prices.require(req.account(), items.get(i).price(), "line_items[" + i + "][price]")
                    .path("unit_amount").asLong() * items.get(i).quantity();
        }
        String customer = p.string("customer");
        if (customer != null) {
            customers.require(req.account(), customer);
        }
        long now = ctx.clock().now();
        ObjectNode s = ctx.newObject("cs_test", "checkout.session", now);
        s.putNull("after_expiration");
        s.putNull("allow_promotion_codes");
        s.put("amount_subtotal", total);
        s.put("amount_total", total);
        s.putObject("automatic_tax").put("enabled", false).putNull("liability").putNull("status");
        s.putNull("billing_address_collection");
        s.put("cancel_url", p.string("cancel_url"));
        s.put("client_reference_id", p.string("client_reference_id"));
        s.put("currency", "usd");
        s.put("customer", customer);
        s.put("customer_creation", customer == null ? "always" : null);
        s.putNull("customer_details");
        s.put("customer_email", p.string("customer_email"));
        s.put("expires_at", now + 86400);
        s.putNull("invoice");
        s.putNull("locale");
        s.putObject("metadata");
        Diff.applyMetadata(s, p.strings("metadata"));
        s.put("mode", mode);
        s.putNull("payment_intent");
        s.putArray("payment_method_types").add("card");
        s.put("payment_status", "unpaid");
        s.put("status", "open");
        s.putNull("subscription");
        s.put("success_url", p.string("success_url"));
        s.put("ui_mode", "hosted");
        s.put("url", "https://checkout.stripe.com/c/pay/" + s.get("id").asText());
        ctx.store().put(req.account(), s);
        Params subData = p.child("subscription_data");
        lineItems.put(s.get("id").asText(), items);
        if (subData != null) {
            s.set("_subscription_metadata", Json.MAPPER.valueToTree(subData.strings("metadata")));
        }
        return strip(s);
    }

    private JsonNode complete(ApiRequest req) {
        ObjectNode s = require(req);
        if (!"open".equals(s.path("status").asText())) {
            throw StripeError.invalid("This Checkout Session is not open.", null);
        }
        EventOrigin origin = req.origin();
        String customerId = s.path("customer").asText(null);
        if (customerId != null && billing.fails(req.account(), customerId)) {
            throw new StripeError(402, "card_error", "card_declined", "Your card was declined.", null);
        }
        if (customerId == null) {
            ObjectNode customer = customers.create(origin, new Params(Map.of("email",
                    s.path("customer_email").asText(""))));
            customerId = customer.get("id").asText();
            s.put("customer", customerId);
        }
        ObjectNode customer = customers.require(req.account(), customerId);
        Map<String, String> metadata = new HashMap<>();
        s.path("_subscription_metadata").fields().forEachRemaining(f -> metadata.put(f.getKey(), f.getValue().asText()));
        ObjectNode sub = subscriptions.create(origin, customerId, lineItems.get(s.get("id").asText()), metadata, null, false);
        s.put("subscription", sub.get("id").asText());
        s.set("invoice", sub.get("latest_invoice"));
        s.put("status", "complete");
        s.put("payment_status", "paid");
        ObjectNode details = s.putObject("customer_details");
        details.set("email", customer.get("email"));
        details.set("name", customer.get("name"));
        details.putNull("phone");
        details.put("tax_exempt", "none");
        ObjectNode out = strip(s);
        ctx.events().emit(origin, "checkout.session.completed", out.deepCopy(), null, subscriptions.now(req.account(), sub));
        return out;
    }

    private JsonNode expire(ApiRequest req) {
        ObjectNode s = require(req);
        if (!"open".equals(s.path("status").asText())) {
            throw StripeError.invalid("Only open Checkout Sessions can be expired.", null);
        }
        s.put("status", "expired");
        ObjectNode out = strip(s);
        ctx.events().emit(req.origin(), "checkout.session.expired", out.deepCopy(), null, ctx.clock().now());
        return out;
    }

    /** Internal fields start with "_" and never leave the emulator. */
    private static ObjectNode strip(ObjectNode s) {
        ObjectNode copy = s.deepCopy();
        copy.remove("_subscription_metadata");
        return copy;
    }
}
