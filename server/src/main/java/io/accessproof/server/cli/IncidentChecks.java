package io.accessproof.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/** What the drill demands of an incident: it says what the customer lost and carries the evidence to act. */
final class IncidentChecks {
    static final String NOT_GRANTED_TITLE = "Customer access did not change after Stripe event";
    static final String NOT_REVOKED_TITLE = "Customer access was not removed after Stripe event";

    private IncidentChecks() {
    }

    /** The app did not grant the plan paid for. */
    static void accessNotGranted(DrillCase c, JsonNode incident, String customer, String subscription,
                                 String expectedPlan) {
        JsonNode evidence = incident.path("evidence");
        says(c, incident, "access_not_granted", NOT_GRANTED_TITLE, "says the customer's access did not change");
        ids(c, incident, customer, subscription);
        c.check(expectedPlan.equals(evidence.path("expected_plan").asText(null)),
                "expected plan " + shown(evidence, "expected_plan") + " (paid for: " + expectedPlan + ")");
        c.check(evidence.has("observed_plan") && !expectedPlan.equals(evidence.path("observed_plan").asText(null)),
                "observed plan " + shown(evidence, "observed_plan") + ", access " + shown(evidence, "observed_access"));
        deployAndRetry(c, incident);
    }

    /** The app kept access after the subscription was cancelled. */
    static void accessNotRevoked(DrillCase c, JsonNode incident, String customer, String subscription,
                                 String keptPlan) {
        JsonNode evidence = incident.path("evidence");
        says(c, incident, "access_not_revoked", NOT_REVOKED_TITLE, "says the customer's access was not removed");
        ids(c, incident, customer, subscription);
        c.check(evidence.has("expected_plan") && !evidence.path("expected_access").asBoolean(true),
                "expected plan " + shown(evidence, "expected_plan") + ", access " + shown(evidence, "expected_access"));
        c.check(keptPlan.equals(evidence.path("observed_plan").asText(null)),
                "observed plan " + shown(evidence, "observed_plan") + " (still the cancelled " + keptPlan + ")");
        deployAndRetry(c, incident);
    }

    private static void says(DrillCase c, JsonNode incident, String kind, String title, String what) {
        c.check(kind.equals(incident.path("kind").asText()) && incident.path("title").asText().startsWith(title),
                what + " (kind " + Output.text(incident, "kind") + ")");
    }

    private static void ids(DrillCase c, JsonNode incident, String customer, String subscription) {
        JsonNode evidence = incident.path("evidence");
        String eventId = evidence.path("event_id").asText("");
        c.check(eventId.startsWith("evt_") && eventId.equals(incident.path("event_id").asText()),
                "event id " + shown(evidence, "event_id"));
        c.check(customer.equals(evidence.path("customer_id").asText()), "customer id " + shown(evidence, "customer_id"));
        c.check(subscription.equals(evidence.path("subscription_id").asText()),
                "subscription id " + shown(evidence, "subscription_id"));
    }

    private static void deployAndRetry(DrillCase c, JsonNode incident) {
        JsonNode evidence = incident.path("evidence");
        // An app that reports no deploy leaves it null; the field must still be there for the operator.
        c.check(evidence.has("deploy_sha"), "deploy SHA " + (evidence.path("deploy_sha").isNull()
                ? "(none reported by the app)" : shown(evidence, "deploy_sha")));
        String command = evidence.path("retry").path("command").asText("");
        c.check(!command.isEmpty() && command.contains(Objects.requireNonNullElse(
                evidence.path("event_id").asText(null), "evt_")), "retry guidance: " + (command.isEmpty() ? "(none)"
                : command));
    }

    private static String shown(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() ? "(missing)" : value.isNull() ? "(none)" : value.asText();
    }
}
