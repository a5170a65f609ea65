package io.accessproof.devkit.stripe;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * In-memory objects per Connect account ("" is the platform), in creation order. Callers hold
 * {@link #lock} around a whole request so a state change and its events are atomic.
 */
final class Store {
    final Object lock = new Object();
    private final Map<String, LinkedHashMap<String, ObjectNode>> byAccount = new HashMap<>();

    void put(String account, ObjectNode object) {
        byAccount.computeIfAbsent(account, a -> new LinkedHashMap<>()).put(object.get("id").asText(), object);
    }

    ObjectNode get(String account, String id) {
        Map<String, ObjectNode> objects = byAccount.get(account);
        return objects == null || id == null ? null : objects.get(id);
    }

    ObjectNode require(String account, String id, String kind, String param) {
        ObjectNode o = get(account, id);
        if (o == null || !kind.equals(o.path("object").asText())) {
            throw StripeError.missing(kind.replace('_', ' '), id, param);
        }
        return o;
    }

    /** Objects of one kind, newest first, as Stripe lists them. */
    List<ObjectNode> list(String account, String kind, Predicate<ObjectNode> filter) {
        List<ObjectNode> out = new ArrayList<>();
        Map<String, ObjectNode> objects = byAccount.get(account);
        if (objects != null) {
            for (ObjectNode o : objects.values()) {
                if (kind.equals(o.path("object").asText()) && filter.test(o)) {
                    out.add(o);
                }
            }
        }
        Collections.reverse(out);
        return out;
    }

    List<String> accounts() {
        return new ArrayList<>(byAccount.keySet());
    }
}
