package io.accessproof.activities.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.accessproof.store.Json;
import io.accessproof.store.notifications.NotifiedIncident;
import java.io.IOException;
import java.net.URI;
import java.util.Map;

/** A Slack incoming-webhook message: the title, the customer, expected vs observed, and where to act. */
public final class SlackSink extends HttpSink {
    public SlackSink(SinkSpec spec, URI webhookUrl, JsonPost post) {
        super(spec, webhookUrl, post);
    }

    @Override
    public Integer send(Notice notice) throws IOException, InterruptedException {
        return post(Json.write(message(notice)), Map.of());
    }

    static ObjectNode message(Notice notice) {
        NotifiedIncident incident = notice.incident();
        JsonNode evidence = incident.evidenceNode();
        boolean open = notice.action() == NotifyAction.OPEN;
        String headline = open ? ":rotating_light: " + incident.title()
                : ":white_check_mark: Resolved (" + notice.how() + "): " + incident.title();
        ObjectNode message = Json.MAPPER.createObjectNode();
        message.put("text", headline);
        ArrayNode blocks = message.putArray("blocks");
        section(blocks, "*" + headline + "*");
        ObjectNode facts = blocks.addObject().put("type", "section");
        ArrayNode fields = facts.putArray("fields");
        field(fields, "*Customer*\n`" + incident.customerId() + "`");
        field(fields, "*Event*\n`" + incident.eventId() + "` " + nullToEmpty(incident.eventType()));
        field(fields, "*Expected*\n" + IncidentJson.planAndAccess(evidence, "expected_plan", "expected_access"));
        field(fields, "*Observed*\n" + IncidentJson.planAndAccess(evidence, "observed_plan", "observed_access"));
        if (!open && notice.note() != null) {
            section(blocks, notice.note());
        }
        String link = IncidentJson.temporalLink(notice);
        String retry = IncidentJson.retryCommand(notice);
        StringBuilder act = new StringBuilder();
        if (link != null) {
            act.append("<").append(link).append("|Open the run in Temporal UI>");
        }
        if (open && retry != null) {
            act.append(act.length() > 0 ? "  ·  " : "").append("Retry: `").append(retry).append("`");
        }
        if (act.length() > 0) {
            section(blocks, act.toString());
        }
        return message;
    }

    private static void section(ArrayNode blocks, String markdown) {
        blocks.addObject().put("type", "section").putObject("text").put("type", "mrkdwn").put("text", markdown);
    }

    private static void field(ArrayNode fields, String markdown) {
        fields.addObject().put("type", "mrkdwn").put("text", markdown);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
