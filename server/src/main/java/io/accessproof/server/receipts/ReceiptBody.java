package io.accessproof.server.receipts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.accessproof.workflows.model.Receipt;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads and validates the JSON an app sends to {@code POST /receipts}. */
final class ReceiptBody {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int MAX_ID_LENGTH = 255;

    private ReceiptBody() {
    }

    static Receipt parse(String json, long receivedAtMillis) throws InvalidReceiptException {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidReceiptException("body is not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new InvalidReceiptException("body must be a JSON object");
        }
        String eventId = requiredId(root, "event_id");
        if (!eventId.startsWith("evt_")) {
            throw new InvalidReceiptException("event_id must be a Stripe event id (evt_…)");
        }
        String receiptId = requiredId(root, "receipt_id");
        String status = text(root, "status");
        if (!Receipt.PROCESSED.equals(status) && !Receipt.FAILED.equals(status)) {
            throw new InvalidReceiptException("status must be \"processed\" or \"failed\"");
        }
        String reasonCode = text(root, "reason_code");
        if (Receipt.FAILED.equals(status) && (reasonCode == null || reasonCode.isBlank())) {
            throw new InvalidReceiptException("reason_code is required when status is \"failed\"");
        }
        return new Receipt(receiptId, eventId, status, reasonCode, processedAt(root), sideEffectRefs(root),
                text(root, "deploy_sha"), text(root, "customer_id"), receivedAtMillis);
    }

    private static String requiredId(JsonNode root, String field) throws InvalidReceiptException {
        String value = text(root, field);
        if (value == null || value.isBlank()) {
            throw new InvalidReceiptException(field + " is required");
        }
        if (value.length() > MAX_ID_LENGTH) {
            throw new InvalidReceiptException(field + " is longer than " + MAX_ID_LENGTH + " characters");
        }
        return value;
    }

    private static String text(JsonNode root, String field) throws InvalidReceiptException {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new InvalidReceiptException(field + " must be a string");
        }
        return node.asText();
    }

    private static String processedAt(JsonNode root) throws InvalidReceiptException {
        String value = text(root, "processed_at");
        if (value == null) {
            return null;
        }
        try {
            OffsetDateTime.parse(value);
            return value;
        } catch (DateTimeParseException e) {
            throw new InvalidReceiptException("processed_at must be an ISO-8601 timestamp with an offset");
        }
    }

    private static Map<String, String> sideEffectRefs(JsonNode root) throws InvalidReceiptException {
        JsonNode node = root.get("side_effect_refs");
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw new InvalidReceiptException("side_effect_refs must be an object of strings");
        }
        Map<String, String> refs = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> ref = it.next();
            if (!ref.getValue().isValueNode() || ref.getValue().isNull()) {
                throw new InvalidReceiptException("side_effect_refs." + ref.getKey() + " must be a string");
            }
            refs.put(ref.getKey(), ref.getValue().asText());
        }
        return refs;
    }
}
