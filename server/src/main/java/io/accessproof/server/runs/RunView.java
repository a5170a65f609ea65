package io.accessproof.server.runs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.accessproof.server.incidents.IncidentView;
import io.accessproof.store.Json;
import io.accessproof.store.receipts.StoredReceipt;
import io.accessproof.store.runs.RunRow;
import io.accessproof.store.runs.TimelineEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A run as the operator API shows it: the three-state view (paid → delivered → applied), what Stripe
 * says should be true beside what the app showed, and how it was proven.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RunView(
        String eventId,
        String eventType,
        String customerId,
        String subscriptionId,
        String state,
        String paid,
        String delivered,
        String applied,
        Side expected,
        Side observed,
        String proofSource,
        String incidentId,
        String supersededBy,
        String startedAt,
        String provenAt,
        String closedAt,
        Long timeToProofMs,
        Integer deliveryCount) {

    /** One side of the comparison; {@code detail} says why (expected) or what was read (observed). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Side(String plan, Boolean access, List<String> features, String detail, String deploySha,
                       String stripeStatus) {
    }

    public static RunView of(RunRow row) {
        return new RunView(row.eventId(), row.eventType(), row.customerId(), row.subscriptionId(), row.state(),
                paid(row.expected()),
                delivered(row),
                applied(row.state()), expected(row.expected()), observed(row.observed()), row.proofSource(),
                row.incidentId(), row.supersededBy(), iso(row.startedAt()), iso(row.provenAt()), iso(row.closedAt()),
                timeToProof(row), row.deliveryCount());
    }

    /**
     * Paid, as Stripe says when reconcile read it: {@code paid} when what Stripe holds grants access (an active or
     * trialing subscription, a paid invoice or payment, a past-due one in its grace), {@code not_paid} when it does
     * not (cancelled, unpaid, a failed payment), {@code unknown} until Stripe has been read. Never the signature.
     */
    static String paid(String expectedJson) {
        JsonNode expected = Json.read(expectedJson, JsonNode.class);
        if (expected == null || expected.isNull()) {
            return "unknown";
        }
        return expected.path("access").asBoolean() ? "paid" : "not_paid";
    }

    /** Delivered: stored from a webhook, swept when Stripe never delivered it and the sweep found it. */
    static String delivered(RunRow row) {
        if (row.received() == null) {
            return "unknown";
        }
        return Integer.valueOf(0).equals(row.deliveryCount()) ? "swept" : "stored";
    }

    /** Applied: confirmed once proven, failed while in incident, unknown otherwise. */
    static String applied(String state) {
        return switch (state) {
            case "proven", "proven_late" -> "confirmed";
            case "incident" -> "failed";
            default -> "unknown";
        };
    }

    private static Side expected(String json) {
        JsonNode e = Json.read(json, JsonNode.class);
        if (e == null) {
            return null;
        }
        return new Side(text(e, "plan"), e.path("access").asBoolean(), strings(e.path("features")),
                text(e, "reason"), null, text(e, "stripe_status"));
    }

    private static Side observed(String json) {
        JsonNode o = Json.read(json, JsonNode.class);
        if (o == null) {
            return null;
        }
        return new Side(text(o, "plan"), o.path("active").asBoolean(), strings(o.path("features")),
                text(o, "detail"), text(o, "deploy_sha"), null);
    }

    /** From the moment the event was stored to the proof. */
    private static Long timeToProof(RunRow row) {
        if (row.provenAt() == null) {
            return null;
        }
        Instant from = row.received() != null ? row.received() : row.startedAt();
        return Math.max(0, Duration.between(from, row.provenAt()).toMillis());
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static List<String> strings(JsonNode array) {
        return array.isArray() ? Json.MAPPER.convertValue(array, List.class) : List.of();
    }

    static String iso(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    /** The run with everything the run page shows. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Detail(
            String eventId, String eventType, String customerId, String subscriptionId, String state,
            String paid, String delivered, String applied, Side expected, Side observed, String proofSource,
            String supersededBy, String startedAt, String provenAt, String closedAt, Long timeToProofMs,
            Integer deliveryCount, IncidentSummary incident, List<ReceiptView> receipts,
            List<TimelineEntryView> timeline, Map<String, String> links) {

        static Detail of(RunView run, IncidentSummary incident, List<ReceiptView> receipts,
                         List<TimelineEntry> timeline, Map<String, String> links) {
            return new Detail(run.eventId(), run.eventType(), run.customerId(), run.subscriptionId(), run.state(),
                    run.paid(), run.delivered(), run.applied(), run.expected(), run.observed(), run.proofSource(),
                    run.supersededBy(), run.startedAt(), run.provenAt(), run.closedAt(), run.timeToProofMs(),
                    run.deliveryCount(), incident, receipts,
                    timeline.stream().map(t -> new TimelineEntryView(iso(t.at()), t.state(), t.note())).toList(),
                    links);
        }
    }

    public record TimelineEntryView(String at, String state, String note) {
    }

    /** The run's incident on its page: its open one, else its latest. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record IncidentSummary(String id, String kind, String title, String status, String openedAt,
                                  String resolvedHow, String resolvedReason, JsonNode evidence) {
        static IncidentSummary of(IncidentView i) {
            return new IncidentSummary(i.id(), i.kind(), i.title(), i.status(), i.openedAt(), i.resolvedHow(),
                    i.resolvedReason(), i.evidence());
        }
    }

    /** A receipt the app sent for the run. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ReceiptView(String receiptId, String app, String status, String reasonCode, String deploySha,
                              String processedAt, String receivedAt, JsonNode sideEffectRefs) {
        static ReceiptView of(StoredReceipt r) {
            return new ReceiptView(r.receiptId(), r.app(), r.status(), r.reasonCode(), r.deploySha(), r.processedAt(),
                    iso(r.receivedAt()), Json.read(r.sideEffectRefs(), JsonNode.class));
        }
    }
}
