package io.accessproof.devkit.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.Set;

/** Invoices, one per subscription period, paid unless the customer is flagged to fail payments. */
final class Billing {
    private final Context ctx;
    private final Set<String> failing = new HashSet<>();

    Billing(Context ctx) {
        this.ctx = ctx;
    }

    void routes(Router r) {
        r.get("/v1/invoices/{id}", req -> ctx.store().require(req.account(), req.pathParam(1), "invoice", "id"))
                .get("/v1/invoices", req -> {
                    Params q = req.params();
                    return Pager.page(ctx.store().list(req.account(), "invoice", i ->
                            matches(q.string("customer"), i.path("customer").asText())
                                    && matches(q.string("subscription"), subscriptionOf(i))
                                    && matches(q.string("status"), i.path("status").asText())),
                            q, "/v1/invoices", i -> i);
                });
    }

    private static boolean matches(String wanted, String actual) {
        return wanted == null || wanted.equals(actual);
    }

    static String subscriptionOf(ObjectNode invoice) {
        return invoice.path("parent").path("subscription_details").path("subscription").asText(null);
    }

    /** Caller holds the store lock. */
    void setFailing(String account, String customer, boolean fail) {
        if (fail) {
            failing.add(account + "/" + customer);
        } else {
            failing.remove(account + "/" + customer);
        }
    }

    boolean fails(String account, String customer) {
        return failing.contains(account + "/" + customer);
    }

    /** Creates and attempts the invoice for the subscription's current period; emits nothing. */
    ObjectNode invoice(String account, ObjectNode sub, String billingReason, boolean free, long now) {
        String customerId = SubscriptionShapes.customerOf(sub);
        ObjectNode customer = ctx.store().get(account, customerId);
        ObjectNode inv = ctx.newObject("in", "invoice", now);
        inv.put("account_country", "US");
        inv.putNull("account_name");
        long total = 0;
        ObjectNode lines = Json.list(java.util.List.of(), false, "/v1/invoices/" + inv.get("id").asText() + "/lines");
        ArrayNode data = lines.withArray("data");
        long periodStart = now;
        long periodEnd = now;
        for (JsonNode item : sub.path("items").path("data")) {
            long amount = free ? 0 : item.path("price").path("unit_amount").asLong() * item.path("quantity").asLong(1);
            total += amount;
            periodStart = item.path("current_period_start").asLong();
            periodEnd = item.path("current_period_end").asLong();
            data.add(line(inv, sub, item, amount));
        }
        boolean paid = total == 0 || !fails(account, customerId);
        inv.put("amount_due", total);
        inv.put("amount_paid", paid ? total : 0);
        inv.put("amount_remaining", paid ? 0 : total);
        inv.put("attempt_count", 1);
        inv.put("attempted", true);
        inv.put("auto_advance", !paid);
        inv.put("billing_reason", billingReason);
        inv.put("collection_method", "charge_automatically");
        inv.put("currency", "usd");
        inv.put("customer", customerId);
        inv.set("customer_email", customer == null ? null : customer.get("email"));
        inv.set("customer_name", customer == null ? null : customer.get("name"));
        inv.putNull("description");
        inv.putArray("discounts");
        inv.putNull("due_date");
        inv.put("effective_at", now);
        inv.put("ending_balance", 0);
        inv.putNull("hosted_invoice_url");
        inv.set("lines", lines);
        inv.putObject("metadata");
        inv.set("next_payment_attempt", paid ? null : Json.MAPPER.getNodeFactory().numberNode(now + 3 * 86400));
        inv.put("number", inv.get("id").asText().substring(3, 11).toUpperCase() + "-0001");
        ObjectNode parent = inv.putObject("parent");
        parent.putNull("quote_details");
        ObjectNode details = parent.putObject("subscription_details");
        details.set("metadata", sub.get("metadata").deepCopy());
        details.put("subscription", sub.get("id").asText());
        parent.put("type", "subscription_details");
        inv.put("period_end", periodEnd);
        inv.put("period_start", periodStart);
        inv.put("status", paid ? "paid" : "open");
        ObjectNode transitions = inv.putObject("status_transitions");
        transitions.put("finalized_at", now);
        transitions.putNull("marked_uncollectible_at");
        transitions.set("paid_at", paid ? Json.MAPPER.getNodeFactory().numberNode(now) : null);
        transitions.putNull("voided_at");
        inv.put("subtotal", total);
        inv.put("total", total);
        inv.set("test_clock", sub.get("test_clock"));
        ctx.store().put(account, inv);
        return inv;
    }

    /** Retries an open invoice; true when it is now paid. */
    boolean retry(String account, ObjectNode inv, long now) {
        if (!"open".equals(inv.path("status").asText()) || fails(account, inv.get("customer").asText())) {
            inv.put("attempt_count", inv.path("attempt_count").asInt() + 1);
            return false;
        }
        inv.put("amount_paid", inv.get("amount_due").asLong());
        inv.put("amount_remaining", 0);
        inv.put("attempt_count", inv.path("attempt_count").asInt() + 1);
        inv.put("status", "paid");
        inv.putNull("next_payment_attempt");
        inv.with("status_transitions").put("paid_at", now);
        return true;
    }

    void emitOutcome(EventOrigin origin, ObjectNode inv, long now) {
        String type = "paid".equals(inv.path("status").asText()) ? "invoice.paid" : "invoice.payment_failed";
        ctx.events().emit(origin, type, inv.deepCopy(), null, now);
    }

    private ObjectNode line(ObjectNode inv, ObjectNode sub, JsonNode item, long amount) {
        ObjectNode line = ctx.newObject("il", "line_item", inv.get("created").asLong());
        line.remove("created");
        line.put("amount", amount);
        line.put("currency", "usd");
        line.put("description", item.path("quantity").asLong(1) + " × "
                + item.path("price").path("nickname").asText(item.path("price").path("id").asText()));
        line.putArray("discount_amounts");
        line.put("discountable", true);
        line.putArray("discounts");
        line.put("invoice", inv.get("id").asText());
        line.set("metadata", item.path("metadata").deepCopy());
        ObjectNode parent = line.putObject("parent");
        parent.putNull("invoice_item_details");
        ObjectNode details = parent.putObject("subscription_item_details");
        details.putNull("invoice_item");
        details.put("proration", false);
        details.putNull("proration_details");
        details.put("subscription", sub.get("id").asText());
        details.put("subscription_item", item.get("id").asText());
        parent.put("type", "subscription_item_details");
        ObjectNode period = line.putObject("period");
        period.put("end", item.path("current_period_end").asLong());
        period.put("start", item.path("current_period_start").asLong());
        ObjectNode pricing = line.putObject("pricing");
        ObjectNode priceDetails = pricing.putObject("price_details");
        priceDetails.put("price", item.path("price").path("id").asText());
        priceDetails.put("product", item.path("price").path("product").asText());
        pricing.put("type", "price_details");
        pricing.put("unit_amount_decimal", item.path("price").path("unit_amount_decimal").asText());
        line.put("quantity", item.path("quantity").asLong(1));
        line.put("subscription", sub.get("id").asText());
        return line;
    }
}
