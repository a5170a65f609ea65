package io.accessproof.devkit.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/** Subscription and subscription item JSON in the basil shape (periods live on the items). */
final class SubscriptionShapes {
    private SubscriptionShapes() {
    }

    static ObjectNode subscription(Context ctx, ObjectNode customer, long now) {
        ObjectNode s = ctx.newObject("sub", "subscription", now);
        s.putNull("application");
        s.putNull("application_fee_percent");
        ObjectNode tax = s.putObject("automatic_tax");
        tax.put("enabled", false);
        tax.putNull("liability");
        tax.putNull("disabled_reason");
        s.put("billing_cycle_anchor", now);
        s.putNull("billing_cycle_anchor_config");
        s.putNull("cancel_at");
        s.put("cancel_at_period_end", false);
        s.putNull("canceled_at");
        ObjectNode details = s.putObject("cancellation_details");
        details.putNull("comment");
        details.putNull("feedback");
        details.putNull("reason");
        s.put("collection_method", "charge_automatically");
        s.put("currency", "usd");
        s.put("customer", customer.get("id").asText());
        s.putNull("days_until_due");
        s.putNull("default_payment_method");
        s.putNull("default_source");
        s.putArray("default_tax_rates");
        s.putNull("description");
        s.putArray("discounts");
        s.putNull("ended_at");
        ObjectNode invoiceSettings = s.putObject("invoice_settings");
        invoiceSettings.putNull("account_tax_ids");
        invoiceSettings.putObject("issuer").put("type", "self");
        ObjectNode items = s.putObject("items");
        items.put("object", "list");
        items.putArray("data");
        items.put("has_more", false);
        items.put("total_count", 0);
        items.put("url", "/v1/subscription_items?subscription=" + s.get("id").asText());
        s.putNull("latest_invoice");
        s.putObject("metadata");
        s.putNull("next_pending_invoice_item_invoice");
        s.putNull("on_behalf_of");
        s.putNull("pause_collection");
        ObjectNode payment = s.putObject("payment_settings");
        payment.putNull("payment_method_options");
        payment.putNull("payment_method_types");
        payment.put("save_default_payment_method", "off");
        s.putNull("pending_invoice_item_interval");
        s.putNull("pending_setup_intent");
        s.putNull("pending_update");
        s.putNull("schedule");
        s.put("start_date", now);
        s.put("status", "active");
        s.set("test_clock", customer.get("test_clock"));
        s.putNull("transfer_data");
        s.putNull("trial_end");
        s.putObject("trial_settings").putObject("end_behavior").put("missing_payment_method", "create_invoice");
        s.putNull("trial_start");
        return s;
    }

    static ObjectNode item(Context ctx, String subscriptionId, ObjectNode price, long quantity, long start, long end) {
        ObjectNode item = ctx.newObject("si", "subscription_item", start);
        item.remove("livemode");
        item.put("current_period_end", end);
        item.put("current_period_start", start);
        item.putArray("discounts");
        item.putObject("metadata");
        item.set("plan", plan(price));
        item.set("price", price.deepCopy());
        item.put("quantity", quantity);
        item.put("subscription", subscriptionId);
        item.putArray("tax_rates");
        return item;
    }

    /** The legacy plan view of a recurring price, still embedded by Stripe in subscription items. */
    static ObjectNode plan(JsonNode price) {
        ObjectNode plan = Json.object();
        JsonNode recurring = price.path("recurring");
        plan.put("id", price.get("id").asText());
        plan.put("object", "plan");
        plan.put("active", price.path("active").asBoolean(true));
        plan.put("amount", price.path("unit_amount").asLong());
        plan.put("amount_decimal", price.path("unit_amount_decimal").asText());
        plan.put("billing_scheme", "per_unit");
        plan.put("created", price.path("created").asLong());
        plan.put("currency", price.path("currency").asText("usd"));
        plan.put("interval", recurring.path("interval").asText("month"));
        plan.put("interval_count", recurring.path("interval_count").asLong(1));
        plan.put("livemode", false);
        plan.set("metadata", price.path("metadata").deepCopy());
        plan.putNull("meter");
        plan.set("nickname", price.get("nickname"));
        plan.set("product", price.get("product"));
        plan.putNull("tiers_mode");
        plan.putNull("transform_usage");
        plan.putNull("trial_period_days");
        plan.put("usage_type", "licensed");
        return plan;
    }

    /** End of the period that starts at {@code start} for a price's recurring interval (UTC calendar). */
    static long periodEnd(JsonNode price, long start) {
        JsonNode recurring = price.path("recurring");
        long count = recurring.path("interval_count").asLong(1);
        ZonedDateTime t = Instant.ofEpochSecond(start).atZone(ZoneOffset.UTC);
        ZonedDateTime end = switch (recurring.path("interval").asText("month")) {
            case "day" -> t.plusDays(count);
            case "week" -> t.plusWeeks(count);
            case "year" -> t.plusYears(count);
            default -> t.plusMonths(count);
        };
        return end.toEpochSecond();
    }

    static String customerOf(ObjectNode subscriptionOrInvoice) {
        return subscriptionOrInvoice.get("customer").asText();
    }
}
