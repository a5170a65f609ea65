package io.accessproof.activities.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.accessproof.store.Json;
import io.accessproof.store.notifications.NotifiedIncident;

/** The incident as JSON receivers see it, and the evidence values the human-facing sinks quote. */
final class IncidentJson {

    private IncidentJson() {
    }

    /** The webhook body: what happened, the incident, and its evidence packet. */
    static ObjectNode event(Notice notice) {
        NotifiedIncident incident = notice.incident();
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("type", "incident." + (notice.action() == NotifyAction.OPEN ? "opened" : "resolved"));
        root.put("created", notice.at().getEpochSecond());
        if (notice.livemode() == null) {
            root.putNull("livemode");
        } else {
            root.put("livemode", notice.livemode());
        }
        ObjectNode body = root.putObject("incident");
        body.put("id", incident.incidentId());
        body.put("kind", incident.kind());
        body.put("title", incident.title());
        putFacts(body, incident);
        body.put("group_key", incident.groupKey());
        body.put("grouped_into", notice.groupedInto());
        body.put("opened_at", incident.openedAt().toString());
        if (notice.action() == NotifyAction.RESOLVE) {
            ObjectNode resolution = body.putObject("resolution");
            resolution.put("how", notice.how());
            resolution.put("note", notice.note());
            resolution.put("at", notice.at().toString());
        }
        body.set("evidence", incident.evidenceNode());
        return root;
    }

    /** The ids and causes every receiver gets: event, customer, subscription, event type, deploy, reason. */
    static void putFacts(ObjectNode target, NotifiedIncident incident) {
        target.put("event_id", incident.eventId());
        target.put("customer_id", incident.customerId());
        target.put("subscription_id", incident.subscriptionId());
        target.put("event_type", incident.eventType());
        target.put("deploy_sha", incident.deploySha());
        target.put("reason_code", incident.reasonCode());
    }

    /** "pro, access" / "free, no access" / "unknown". */
    static String planAndAccess(JsonNode evidence, String planField, String accessField) {
        JsonNode plan = evidence.path(planField);
        JsonNode access = evidence.path(accessField);
        if (absent(plan) && absent(access)) {
            return "unknown";
        }
        String planText = plan.isTextual() ? plan.asText() : "no plan";
        String accessText = access.isBoolean() ? (access.asBoolean() ? "access" : "no access") : "access unknown";
        return planText + ", " + accessText;
    }

    private static boolean absent(JsonNode node) {
        return node.isMissingNode() || node.isNull();
    }

    static String temporalLink(Notice notice) {
        return notice.incident().evidenceNode().path("temporal_link").asText(null);
    }

    static String retryCommand(Notice notice) {
        return notice.incident().evidenceNode().path("retry").path("command").asText(null);
    }
}
