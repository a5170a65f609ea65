package io.accessproof.activities.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Removes the fields of a Stripe object that name or describe a person, at every depth, from the parsed copy
 * accessproof works with; the signed bytes are kept once, as received. What remains are ids, types, amounts,
 * statuses and times: everything a run needs, since the truth is read from Stripe's API anyway.
 */
final class PersonalData {
    static final Set<String> FIELDS = Set.of("email", "name", "phone", "address", "shipping", "description", "metadata");

    private PersonalData() {
    }

    /** Strips the tree in place and returns it. */
    static JsonNode strip(JsonNode node) {
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            List<String> remove = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (FIELDS.contains(field.getKey())) {
                    remove.add(field.getKey());
                } else {
                    strip(field.getValue());
                }
            }
            object.remove(remove);
        } else if (node.isArray()) {
            node.forEach(PersonalData::strip);
        }
        return node;
    }
}
