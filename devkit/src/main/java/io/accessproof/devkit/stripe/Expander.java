package io.accessproof.devkit.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Function;

/** Stripe's {@code expand[]}: replaces an id at a dotted path ({@code items.data.price.product}) by its object. */
final class Expander {
    private Expander() {
    }

    static void expand(JsonNode root, String path, Function<String, ObjectNode> lookup) {
        walk(root, path.split("\\."), 0, lookup);
    }

    private static void walk(JsonNode node, String[] path, int i, Function<String, ObjectNode> lookup) {
        if (node == null || i >= path.length) {
            return;
        }
        if (node.isArray()) {
            node.forEach(n -> walk(n, path, i, lookup));
            return;
        }
        if (!node.isObject()) {
            return;
        }
        JsonNode child = node.get(path[i]);
        if (i < path.length - 1) {
            walk(child, path, i + 1, lookup);
        } else if (child != null && child.isTextual()) {
            ObjectNode target = lookup.apply(child.asText());
            if (target != null) {
                ((ObjectNode) node).set(path[i], target.deepCopy());
            }
        }
    }
}
