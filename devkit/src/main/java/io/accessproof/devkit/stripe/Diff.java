package io.accessproof.devkit.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/** Field-level changes between two versions of an object, as Stripe's data.previous_attributes. */
final class Diff {
    private Diff() {
    }

    static ObjectNode previous(ObjectNode before, ObjectNode after) {
        ObjectNode prev = Json.object();
        Iterator<Map.Entry<String, JsonNode>> fields = after.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            JsonNode old = before.get(f.getKey());
            if (old == null || !old.equals(f.getValue())) {
                prev.set(f.getKey(), old == null ? Json.MAPPER.nullNode() : old.deepCopy());
            }
        }
        return prev;
    }

    /** Stripe metadata semantics: an empty value deletes the key. */
    static void applyMetadata(ObjectNode target, Map<String, String> updates) {
        ObjectNode metadata = target.with("metadata");
        updates.forEach((k, v) -> {
            if (v.isEmpty()) {
                metadata.remove(k);
            } else {
                metadata.put(k, v);
            }
        });
    }
}
