package io.accessproof.devkit.stripe;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** The one mapper of the emulator, and small builders for Stripe-shaped nodes. */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    public static ObjectNode metadata(Map<String, String> values) {
        ObjectNode node = object();
        values.forEach(node::put);
        return node;
    }

    public static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode parse(byte[] body) {
        try {
            return body.length == 0 ? object() : MAPPER.readTree(body);
        } catch (IOException e) {
            throw StripeError.invalid("Invalid JSON body", null);
        }
    }

    /** A list envelope as Stripe returns it. */
    public static ObjectNode list(Iterable<? extends JsonNode> data, boolean hasMore, String url) {
        ObjectNode list = object();
        list.put("object", "list");
        ArrayNode array = list.putArray("data");
        data.forEach(array::add);
        list.put("has_more", hasMore);
        list.put("url", url);
        return list;
    }
}
