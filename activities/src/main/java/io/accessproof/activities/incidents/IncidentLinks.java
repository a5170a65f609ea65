package io.accessproof.activities.incidents;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Where an operator looks next: the Temporal UI page of a run, and the command that retries it. */
public record IncidentLinks(String temporalUiUrl, String namespace, String accessproofVersion) {

    public String workflowLink(String eventId) {
        return temporalUiUrl + "/namespaces/" + URLEncoder.encode(namespace, StandardCharsets.UTF_8)
                + "/workflows/stripe-" + URLEncoder.encode(eventId, StandardCharsets.UTF_8);
    }

    public static String retryCommand(String eventId) {
        return "./accessproof runs retry " + eventId;
    }
}
