package io.accessproof.activities.reconcile;

import com.fasterxml.jackson.databind.JsonNode;

/** Defensive reads from Stripe JSON of any API version. */
final class Json {
    private Json() {
    }

    /** The text at {@code node.a.b.c}, or null when absent, null or not a scalar. */
    static String text(JsonNode node, String... path) {
        JsonNode n = at(node, path);
        return n.isValueNode() && !n.isNull() ? n.asText() : null;
    }

    /** The id of a field that is either an id string or an expanded object. */
    static String id(JsonNode node, String... path) {
        JsonNode n = at(node, path);
        if (n.isTextual()) {
            return n.asText();
        }
        return n.isObject() ? text(n, "id") : null;
    }

    static JsonNode at(JsonNode node, String... path) {
        JsonNode n = node;
        for (String p : path) {
            n = n == null ? null : n.path(p);
        }
        return n == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : n;
    }

    static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }
}
