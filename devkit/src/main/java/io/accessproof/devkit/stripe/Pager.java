package io.accessproof.devkit.stripe;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.UnaryOperator;

/** Stripe's cursor pagination over a newest-first list: limit (1–100, default 10), starting_after, ending_before. */
final class Pager {
    private Pager() {
    }

    static ObjectNode page(List<ObjectNode> newestFirst, Params q, String url, UnaryOperator<ObjectNode> render) {
        long limit = q.longValue("limit") == null ? 10 : q.longValue("limit");
        if (limit < 1 || limit > 100) {
            throw StripeError.invalid("Invalid limit: must be between 1 and 100", "limit");
        }
        String after = q.string("starting_after");
        String before = q.string("ending_before");
        int from = 0;
        int to = newestFirst.size();
        if (after != null) {
            from = indexOf(newestFirst, after, "starting_after") + 1;
        } else if (before != null) {
            to = indexOf(newestFirst, before, "ending_before");
            from = (int) Math.max(0, to - limit);
        }
        int end = (int) Math.min(to, from + limit);
        boolean hasMore = before != null ? from > 0 : end < newestFirst.size();
        return Json.list(newestFirst.subList(from, end).stream().map(render).toList(), hasMore, url);
    }

    private static int indexOf(List<ObjectNode> list, String id, String param) {
        for (int i = 0; i < list.size(); i++) {
            if (id.equals(list.get(i).path("id").asText())) {
                return i;
            }
        }
        throw StripeError.missing("object", id, param);
    }
}
