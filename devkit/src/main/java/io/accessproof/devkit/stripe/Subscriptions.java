package io.accessproof.devkit.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code /v1/subscriptions}: create, retrieve, list, update (price, quantity, cancel_at_period_end,
 * metadata), cancel (DELETE), and {@code POST /v1/test_helpers/subscriptions/{id}/set_status}.
 * Items embed the current price, re-read on every render.
 */
final class Subscriptions {
    record ItemSpec(String price, long quantity) {
    }

    private static final Set<String> SETTABLE = Set.of("active", "trialing", "past_due", "unpaid", "paused",
            "incomplete", "incomplete_expired");
    private final Context ctx;
    private final Customers customers;
    private final Prices prices;
    private final Billing billing;
    private final Entitlements entitlements;

    Subscriptions(Context ctx, Customers customers, Prices prices, Billing billing, Entitlements entitlements) {
        this.ctx = ctx;
        this.customers = customers;
        this.prices = prices;
        this.billing = billing;
        this.entitlements = entitlements;
    }

    void routes(Router r) {
        r.post("/v1/subscriptions", this::create)
                .get("/v1/subscriptions", this::list)
                .get("/v1/subscriptions/{id}", req -> render(req.account(), require(req.account(), req.pathParam(1))))
                .post("/v1/subscriptions/{id}", this::update)
                .delete("/v1/subscriptions/{id}", req -> cancel(req.origin(), require(req.account(), req.pathParam(1))))
                .post("/v1/test_helpers/subscriptions/{id}/set_status", req -> setStatus(req.origin(),
                        require(req.account(), req.pathParam(1)), req.params().required("status")));
    }

    ObjectNode require(String account, String id) {
        return ctx.store().require(account, id, "subscription", "id");
    }

    /** A copy with each item's price (and plan) as the price is now. */
    ObjectNode render(String account, ObjectNode sub) {
        ObjectNode copy = sub.deepCopy();
        for (JsonNode item : copy.path("items").path("data")) {
            ObjectNode price = ctx.store().get(account, item.path("price").path("id").asText());
            if (price != null) {
                ((ObjectNode) item).set("price", price.deepCopy());
                ((ObjectNode) item).set("plan", SubscriptionShapes.plan(price));
            }
        }
        return copy;
    }

    long now(String account, ObjectNode sub) {
        return ctx.clock().nowFor(ctx.store(), account, ctx.store().get(account, SubscriptionShapes.customerOf(sub)));
    }

    private JsonNode create(ApiRequest req) {
        Params p = req.params();
        List<ItemSpec> items = p.paramsList("items").stream()
                .map(i -> new ItemSpec(i.required("price"), i.longValue("quantity") == null ? 1 : i.longValue("quantity")))
                .toList();
        if (items.isEmpty()) {
            throw StripeError.missingParam("items");
        }
        return render(req.account(), create(req.origin(), p.required("customer"), items, p.strings("metadata"),
                p.longValue("trial_period_days"), Boolean.TRUE.equals(p.bool("cancel_at_period_end"))));
    }

    /** Creates, invoices and announces a subscription. Caller holds the store lock. */
    ObjectNode create(EventOrigin origin, String customerId, List<ItemSpec> specs, Map<String, String> metadata,
                      Long trialDays, boolean cancelAtPeriodEnd) {
        String account = origin.account();
        ObjectNode customer = customers.require(account, customerId);
        long now = ctx.clock().nowFor(ctx.store(), account, customer);
        ObjectNode sub = SubscriptionShapes.subscription(ctx, customer, now);
        ArrayNode data = sub.with("items").withArray("data");
        for (int i = 0; i < specs.size(); i++) {
            ObjectNode price = prices.require(account, specs.get(i).price(), "items[" + i + "][price]");
            long end = trialDays != null ? now + trialDays * 86400 : SubscriptionShapes.periodEnd(price, now);
            data.add(SubscriptionShapes.item(ctx, sub.get("id").asText(), price, specs.get(i).quantity(), now, end));
        }
        sub.with("items").put("total_count", data.size());
        Diff.applyMetadata(sub, metadata);
        if (trialDays != null) {
            sub.put("status", "trialing");
            sub.put("trial_start", now);
            sub.put("trial_end", now + trialDays * 86400);
        }
        if (cancelAtPeriodEnd) {
            sub.put("cancel_at_period_end", true);
            sub.put("cancel_at", data.get(0).get("current_period_end").asLong());
        }
        ctx.store().put(account, sub);
        ObjectNode invoice = billing.invoice(account, sub, "subscription_create", trialDays != null, now);
        sub.put("latest_invoice", invoice.get("id").asText());
        if (!"paid".equals(invoice.get("status").asText())) {
            sub.put("status", "incomplete");
        }
        ctx.events().emit(origin, "customer.subscription.created", render(account, sub), null, now);
        billing.emitOutcome(origin, invoice, now);
        entitlements.refresh(origin, customerId, now);
        return sub;
    }

    private JsonNode list(ApiRequest req) {
        Params q = req.params();
        String status = q.string("status");
        List<ObjectNode> subs = ctx.store().list(req.account(), "subscription", s ->
                (q.string("customer") == null || q.string("customer").equals(s.path("customer").asText()))
                        && (q.string("price") == null || hasPrice(s, q.string("price")))
                        && (status == null ? !isEnded(s) : status.equals("all") || status.equals(s.path("status").asText())));
        return Pager.page(subs, q, "/v1/subscriptions", s -> render(req.account(), s));
    }

    private static boolean hasPrice(ObjectNode sub, String price) {
        for (JsonNode item : sub.path("items").path("data")) {
            if (price.equals(item.path("price").path("id").asText())) {
                return true;
            }
        }
        return false;
    }

    static boolean isEnded(ObjectNode sub) {
        String s = sub.path("status").asText();
        return s.equals("canceled") || s.equals("incomplete_expired");
    }

    private JsonNode update(ApiRequest req) {
        String account = req.account();
        ObjectNode sub = require(account, req.pathParam(1));
        if (isEnded(sub)) {
            throw StripeError.invalid("A canceled subscription can only update its cancellation_details and metadata.", null);
        }
        ObjectNode before = render(account, sub);
        Params p = req.params();
        List<Params> items = p.paramsList("items");
        for (int i = 0; i < items.size(); i++) {
            SubscriptionItems.update(ctx, prices, account, sub, items.get(i), i);
        }
        ArrayNode data = sub.with("items").withArray("data");
        sub.with("items").put("total_count", data.size());
        Boolean atPeriodEnd = p.bool("cancel_at_period_end");
        if (atPeriodEnd != null) {
            sub.put("cancel_at_period_end", atPeriodEnd);
            if (atPeriodEnd) {
                sub.put("cancel_at", data.get(0).get("current_period_end").asLong());
            } else {
                sub.putNull("cancel_at");
            }
        }
        Diff.applyMetadata(sub, p.strings("metadata"));
        if (p.string("status") != null) {
            sub.put("status", settable(p.string("status")));
        }
        announceUpdate(req.origin(), sub, before);
        return render(account, sub);
    }

    /** Emits customer.subscription.updated with previous_attributes if anything visible changed. */
    void announceUpdate(EventOrigin origin, ObjectNode sub, ObjectNode before) {
        ObjectNode after = render(origin.account(), sub);
        ObjectNode previous = Diff.previous(before, after);
        if (previous.isEmpty()) {
            return;
        }
        long now = now(origin.account(), sub);
        ctx.events().emit(origin, "customer.subscription.updated", after, previous, now);
        entitlements.refresh(origin, SubscriptionShapes.customerOf(sub), now);
    }

    ObjectNode cancel(EventOrigin origin, ObjectNode sub) {
        if (isEnded(sub)) {
            throw StripeError.invalid("This subscription is already canceled.", null);
        }
        long now = now(origin.account(), sub);
        sub.put("status", "canceled");
        sub.put("canceled_at", now);
        sub.put("ended_at", now);
        sub.with("cancellation_details").put("reason", "cancellation_requested");
        ObjectNode rendered = render(origin.account(), sub);
        ctx.events().emit(origin, "customer.subscription.deleted", rendered.deepCopy(), null, now);
        entitlements.refresh(origin, SubscriptionShapes.customerOf(sub), now);
        return rendered;
    }

    ObjectNode setStatus(EventOrigin origin, ObjectNode sub, String status) {
        if (status.equals("canceled")) {
            return cancel(origin, sub);
        }
        ObjectNode before = render(origin.account(), sub);
        String old = sub.path("status").asText();
        sub.put("status", settable(status));
        if (status.equals("incomplete_expired")) {
            sub.put("ended_at", now(origin.account(), sub));
        }
        if (status.equals("paused") && !old.equals("paused")) {
            ctx.events().emit(origin, "customer.subscription.paused", render(origin.account(), sub), null,
                    now(origin.account(), sub));
        } else if (old.equals("paused") && !status.equals("paused")) {
            ctx.events().emit(origin, "customer.subscription.resumed", render(origin.account(), sub), null,
                    now(origin.account(), sub));
        }
        announceUpdate(origin, sub, before);
        return render(origin.account(), sub);
    }

    private static String settable(String status) {
        if (!SETTABLE.contains(status)) {
            throw StripeError.invalid("Invalid status: " + status, "status");
        }
        return status;
    }
}
