package io.accessproof.activities.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.accessproof.store.events.StoredEvent;
import java.time.Instant;
import java.util.Set;

/**
 * Reads the ids a run needs out of a Stripe event of any API version. Defensive on purpose: stripe-java's
 * typed models are pinned to one API version, and real events come in many. The expectation is never
 * taken from here; reconcile asks Stripe's API.
 */
public final class EventParser {
    private final ObjectMapper mapper;
    private final Set<String> runEventTypes;

    public EventParser(ObjectMapper mapper, Set<String> runEventTypes) {
        this.mapper = mapper;
        this.runEventTypes = Set.copyOf(runEventTypes);
    }

    public StoredEvent parse(String body, byte[] raw, String source) throws InvalidEventException {
        JsonNode event = readTree(body);
        if (!"event".equals(text(event, "object"))) {
            throw new InvalidEventException("body is not a Stripe event: \"object\" must be \"event\"");
        }
        String id = require(event, "id");
        String type = require(event, "type");
        JsonNode created = event.get("created");
        if (created == null || !created.canConvertToLong()) {
            throw new InvalidEventException("Stripe event " + id + " has no numeric \"created\"");
        }
        JsonNode object = event.path("data").path("object");
        if (!object.isObject()) {
            throw new InvalidEventException("Stripe event " + id + " has no data.object");
        }
        String objectType = text(object, "object");
        String objectId = text(object, "id");
        String customerId = customerOf(object, objectType, objectId);
        String subscriptionId = subscriptionOf(object, objectType, objectId);
        return new StoredEvent(id, type, text(event, "account"), event.path("livemode").asBoolean(false),
                text(event, "api_version"), Instant.ofEpochSecond(created.asLong()), objectType, objectId,
                customerId, subscriptionId, !runEventTypes.contains(type), source, withoutPersonalData(event), raw,
                null);
    }

    /** The parsed copy without names, emails, addresses, descriptions or metadata; the raw bytes keep all. */
    private String withoutPersonalData(JsonNode event) throws InvalidEventException {
        try {
            return mapper.writeValueAsString(PersonalData.strip(event));
        } catch (JsonProcessingException e) {
            throw new InvalidEventException("body could not be stored: " + e.getOriginalMessage());
        }
    }

    private JsonNode readTree(String body) throws InvalidEventException {
        try {
            JsonNode node = mapper.readTree(body);
            if (node == null || !node.isObject()) {
                throw new InvalidEventException("body is not a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new InvalidEventException("body is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static String customerOf(JsonNode object, String objectType, String objectId) {
        if ("customer".equals(objectType)) {
            return objectId;
        }
        return idOf(object.get("customer"));
    }

    private static String subscriptionOf(JsonNode object, String objectType, String objectId) {
        if ("subscription".equals(objectType)) {
            return objectId;
        }
        String direct = idOf(object.get("subscription"));
        if (direct != null) {
            return direct;
        }
        // Invoices from API version 2025-03-31.basil on name their subscription under parent.
        return idOf(object.path("parent").path("subscription_details").get("subscription"));
    }

    /** An id field is a string, or an expanded object with an id. */
    private static String idOf(JsonNode field) {
        if (field == null || field.isNull() || field.isMissingNode()) {
            return null;
        }
        if (field.isTextual()) {
            return field.asText();
        }
        return field.isObject() ? text(field, "id") : null;
    }

    private static String require(JsonNode node, String field) throws InvalidEventException {
        String value = text(node, field);
        if (value == null || value.isBlank()) {
            throw new InvalidEventException("Stripe event has no \"" + field + "\"");
        }
        return value;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || !value.isTextual() ? null : value.asText();
    }
}
