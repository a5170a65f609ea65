package io.accessproof.devkit.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Time moving forward: test clocks ({@code /v1/test_helpers/test_clocks}, {@code /advance}) and the
 * emulator clock roll subscriptions into new periods with a new invoice (paid, or failed → past_due),
 * end subscriptions set to cancel at period end, and expire incomplete ones after 23 hours.
 * Also {@code POST /v1/invoices/{id}/pay} to retry an open invoice.
 */
final class Renewals {
    private final Context ctx;
    private final Subscriptions subscriptions;
    private final Billing billing;

    Renewals(Context ctx, Subscriptions subscriptions, Billing billing) {
        this.ctx = ctx;
        this.subscriptions = subscriptions;
        this.billing = billing;
    }

    void routes(Router r) {
        r.post("/v1/test_helpers/test_clocks", req -> {
            ObjectNode clock = ctx.newObject("clock", "test_helpers.test_clock", ctx.clock().now());
            clock.put("deletes_after", ctx.clock().now() + 30 * 86400);
            clock.put("frozen_time", req.params().longValue("frozen_time") == null
                    ? ctx.clock().now() : req.params().longValue("frozen_time"));
            clock.put("name", req.params().string("name"));
            clock.put("status", "ready");
            ctx.store().put(req.account(), clock);
            return clock;
        }).get("/v1/test_helpers/test_clocks", req -> Pager.page(ctx.store().list(req.account(),
                        "test_helpers.test_clock", c -> true), req.params(), "/v1/test_helpers/test_clocks", c -> c))
                .get("/v1/test_helpers/test_clocks/{id}", req -> clock(req.account(), req.pathParam(1)))
                .post("/v1/test_helpers/test_clocks/{id}/advance", req -> {
                    ObjectNode clock = clock(req.account(), req.pathParam(1));
                    long to = Long.parseLong(req.params().required("frozen_time"));
                    if (to < clock.get("frozen_time").asLong()) {
                        throw StripeError.invalid("Cannot advance a test clock backwards.", "frozen_time");
                    }
                    clock.put("frozen_time", to);
                    advance(req.origin(), clock.get("id").asText(), to);
                    return clock;
                })
                .delete("/v1/test_helpers/test_clocks/{id}", req -> {
                    ObjectNode clock = clock(req.account(), req.pathParam(1));
                    clock.put("deleted", true).put("status", "deleted");
                    return clock;
                })
                .post("/v1/invoices/{id}/pay", this::pay);
    }

    private ObjectNode clock(String account, String id) {
        return ctx.store().require(account, id, "test_helpers.test_clock", "test_clock");
    }

    /** Processes subscriptions on this clock (null: those on no clock) up to {@code now}. Caller holds the lock. */
    void advance(EventOrigin origin, String clockId, long now) {
        for (ObjectNode sub : ctx.store().list(origin.account(), "subscription", s -> !Subscriptions.isEnded(s)
                && java.util.Objects.equals(clockId, s.path("test_clock").asText(null)))) {
            advanceOne(origin, sub, now);
        }
    }

    private void advanceOne(EventOrigin origin, ObjectNode sub, long now) {
        String status = sub.path("status").asText();
        if (status.equals("incomplete")) {
            if (now >= sub.get("created").asLong() + 23 * 3600) {
                subscriptions.setStatus(origin, sub, "incomplete_expired");
            }
            return;
        }
        if (status.equals("paused") || status.equals("unpaid")) {
            return;
        }
        for (int guard = 0; guard < 120 && periodEnd(sub) <= now; guard++) {
            if (sub.path("cancel_at_period_end").asBoolean()) {
                subscriptions.cancel(origin, sub);
                return;
            }
            renew(origin, sub);
        }
    }

    private static long periodEnd(ObjectNode sub) {
        return sub.path("items").path("data").get(0).get("current_period_end").asLong();
    }

    private void renew(EventOrigin origin, ObjectNode sub) {
        ObjectNode before = subscriptions.render(origin.account(), sub);
        long start = periodEnd(sub);
        for (JsonNode item : sub.path("items").path("data")) {
            ObjectNode i = (ObjectNode) item;
            i.put("current_period_start", start);
            i.put("current_period_end", SubscriptionShapes.periodEnd(i.get("price"), start));
        }
        if (sub.path("status").asText().equals("trialing")) {
            sub.put("status", "active");
        }
        ObjectNode invoice = billing.invoice(origin.account(), sub, "subscription_cycle", false, start);
        sub.put("latest_invoice", invoice.get("id").asText());
        boolean paid = "paid".equals(invoice.get("status").asText());
        sub.put("status", paid ? "active" : "past_due");
        subscriptions.announceUpdate(origin, sub, before);
        billing.emitOutcome(origin, invoice, start);
    }

    private JsonNode pay(ApiRequest req) {
        ObjectNode invoice = ctx.store().require(req.account(), req.pathParam(1), "invoice", "id");
        if ("paid".equals(invoice.path("status").asText())) {
            throw StripeError.invalid("Invoice is already paid.", null);
        }
        String subId = Billing.subscriptionOf(invoice);
        ObjectNode sub = subId == null ? null : ctx.store().get(req.account(), subId);
        long now = sub == null ? ctx.clock().now() : subscriptions.now(req.account(), sub);
        boolean paid = billing.retry(req.account(), invoice, now);
        billing.emitOutcome(req.origin(), invoice, now);
        if (!paid) {
            throw new StripeError(402, "card_error", "card_declined", "Your card was declined.", null);
        }
        if (sub != null && !Subscriptions.isEnded(sub) && !"active".equals(sub.path("status").asText())) {
            subscriptions.setStatus(req.origin(), sub, "active");
        }
        return invoice;
    }
}
