package io.accessproof.activities.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.accessproof.store.Json;
import io.accessproof.store.notifications.NotifiedIncident;
import java.io.IOException;
import java.net.URI;
import java.util.Map;

/**
 * PagerDuty Events API v2: {@code trigger} when the incident opens, {@code resolve} when it resolves, both
 * with the incident id as {@code dedup_key} so the resolve closes the page the trigger opened.
 */
public final class PagerDutySink extends HttpSink {
    public static final URI DEFAULT_URL = URI.create("https://events.pagerduty.com/v2/enqueue");
    private static final int MAX_SUMMARY = 1024;

    private final String routingKey;

    /** {@code url} null: PagerDuty's own endpoint. */
    public PagerDutySink(SinkSpec spec, URI url, String routingKey, JsonPost post) {
        super(spec, url == null ? DEFAULT_URL : url, post);
        this.routingKey = routingKey;
    }

    @Override
    public Integer send(Notice notice) throws IOException, InterruptedException {
        return post(Json.write(event(notice)), Map.of());
    }

    ObjectNode event(Notice notice) {
        NotifiedIncident incident = notice.incident();
        ObjectNode event = Json.MAPPER.createObjectNode();
        event.put("routing_key", routingKey);
        event.put("dedup_key", incident.incidentId());
        if (notice.action() == NotifyAction.RESOLVE) {
            event.put("event_action", "resolve");
            return event;
        }
        event.put("event_action", "trigger");
        event.put("client", "accessproof");
        String link = IncidentJson.temporalLink(notice);
        if (link != null) {
            event.put("client_url", link);
            event.putArray("links").addObject().put("href", link).put("text", "Run in Temporal UI");
        }
        JsonNode evidence = incident.evidenceNode();
        ObjectNode payload = event.putObject("payload");
        String title = incident.title();
        payload.put("summary", title.length() > MAX_SUMMARY ? title.substring(0, MAX_SUMMARY) : title);
        payload.put("source", "accessproof");
        payload.put("severity", "error");
        payload.put("timestamp", incident.openedAt().toString());
        payload.put("component", incident.eventType());
        payload.put("group", incident.groupKey());
        payload.put("class", incident.kind());
        ObjectNode details = payload.putObject("custom_details");
        details.put("incident_id", incident.incidentId());
        IncidentJson.putFacts(details, incident);
        details.put("expected", IncidentJson.planAndAccess(evidence, "expected_plan", "expected_access"));
        details.put("observed", IncidentJson.planAndAccess(evidence, "observed_plan", "observed_access"));
        details.put("retry", IncidentJson.retryCommand(notice));
        return event;
    }
}
