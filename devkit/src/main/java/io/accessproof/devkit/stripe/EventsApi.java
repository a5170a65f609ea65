package io.accessproof.devkit.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.LongPredicate;

/**
 * {@code GET /v1/events} (type with {@code *} wildcard, types[], created[gt|gte|lt|lte],
 * delivery_success) and {@code GET /v1/events/{id}}, scoped to the Stripe-Account.
 */
final class EventsApi {
    private final Store store;

    EventsApi(Store store) {
        this.store = store;
    }

    void routes(Router r) {
        r.get("/v1/events", this::list)
                .get("/v1/events/{id}", req -> store.require(req.account(), req.pathParam(1), "event", "id"));
    }

    private JsonNode list(ApiRequest req) {
        Params q = req.params();
        String type = q.string("type");
        List<String> types = q.stringList("types");
        Boolean success = q.bool("delivery_success");
        LongPredicate created = createdFilter(q);
        List<ObjectNode> events = store.list(req.account(), "event", e -> {
            String t = e.path("type").asText();
            return (type == null || typeMatches(type, t))
                    && (types.isEmpty() || types.stream().anyMatch(x -> typeMatches(x, t)))
                    && (success == null || success == (e.path("pending_webhooks").asInt() == 0))
                    && created.test(e.path("created").asLong());
        });
        return Pager.page(events, q, "/v1/events", e -> e);
    }

    static boolean typeMatches(String pattern, String type) {
        return pattern.endsWith("*") ? type.startsWith(pattern.substring(0, pattern.length() - 1)) : pattern.equals(type);
    }

    private static LongPredicate createdFilter(Params q) {
        Long exact = q.longValue("created");
        Params range = q.child("created");
        if (exact != null) {
            return c -> c == exact;
        }
        if (range == null) {
            return c -> true;
        }
        Long gt = range.longValue("gt");
        Long gte = range.longValue("gte");
        Long lt = range.longValue("lt");
        Long lte = range.longValue("lte");
        return c -> (gt == null || c > gt) && (gte == null || c >= gte) && (lt == null || c < lt) && (lte == null || c <= lte);
    }
}
