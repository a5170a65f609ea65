package io.accessproof.devkit.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Real Stripe event payloads (bundled copies of shared fixtures, see {@code events/NOTICE.md}) turned
 * into templates: every event made from one gets a fresh event id, {@code created}, object id,
 * customer and (where present) subscription, so each is a new row for the receiver.
 */
public final class EventTemplates {
    /** The bundled event types, one template each. */
    public static final List<String> TYPES = List.of("customer.subscription.created", "invoice.paid",
            "checkout.session.completed");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EVT = "@@EVT@@";
    private static final String OBJ = "@@OBJ@@";
    private static final String CUS = "@@CUS@@";
    private static final String SUB = "@@SUB@@";
    /** A created value no bundled payload contains (2100-01-01), replaced by the send time. */
    private static final String CREATED = "4102444800";
    private static final char[] ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();

    private record Template(String type, String body, String objectPrefix) {
    }

    private final Map<String, Template> templates = new LinkedHashMap<>();

    private EventTemplates() {
    }

    public static EventTemplates bundled() {
        EventTemplates t = new EventTemplates();
        for (String type : TYPES) {
            t.templates.put(type, template(type, read("events/" + type + ".json")));
        }
        return t;
    }

    private static String read(String resource) {
        try (InputStream in = EventTemplates.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Template template(String type, String json) {
        try {
            ObjectNode event = (ObjectNode) JSON.readTree(json);
            event.put("id", EVT);
            event.put("created", Long.parseLong(CREATED));
            event.put("type", type);
            ObjectNode object = (ObjectNode) event.path("data").path("object");
            String objectId = object.path("id").asText();
            object.put("id", OBJ);
            if (object.path("customer").isTextual()) {
                object.put("customer", CUS);
            }
            JsonNode subscription = object.get("subscription");
            if (subscription != null && subscription.isTextual()) {
                object.put("subscription", SUB);
            }
            String prefix = objectId.startsWith("cs_test_") ? "cs_test_" : objectId.substring(0, objectId.indexOf('_') + 1);
            return new Template(type, JSON.writeValueAsString(event), prefix);
        } catch (IOException e) {
            throw new UncheckedIOException("bad template " + type, e);
        }
    }

    /** A fresh event of this type, created now. */
    public StripeEvent next(String type) {
        Template t = templates.get(type);
        if (t == null) {
            throw new IllegalArgumentException("no template for " + type + "; known: " + TYPES);
        }
        String eventId = "evt_" + random(24);
        String customerId = "cus_" + random(14);
        String body = t.body().replace(EVT, eventId)
                .replace(OBJ, t.objectPrefix() + random(24))
                .replace(CUS, customerId)
                .replace(SUB, "sub_" + random(24))
                .replace(CREATED, Long.toString(System.currentTimeMillis() / 1000));
        return new StripeEvent(eventId, type, customerId, body);
    }

    /** Fresh events cycling through the given types. */
    public Supplier<StripeEvent> cycling(List<String> types) {
        List<String> order = List.copyOf(types);
        AtomicLong n = new AtomicLong();
        return () -> next(order.get((int) (n.getAndIncrement() % order.size())));
    }

    static String random(int length) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = ALPHABET[r.nextInt(ALPHABET.length)];
        }
        return new String(out);
    }
}
