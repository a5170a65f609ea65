package io.accessproof.server.runs;

import io.accessproof.activities.incidents.IncidentLinks;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Where a run can be seen: this API, the dashboard, and the Temporal UI. */
public final class RunLinks {
    private final IncidentLinks temporal;

    public RunLinks(IncidentLinks temporal) {
        this.temporal = temporal;
    }

    public Map<String, String> of(String eventId) {
        String id = URLEncoder.encode(eventId, StandardCharsets.UTF_8);
        Map<String, String> links = new LinkedHashMap<>();
        links.put("self", "/api/runs/" + id);
        links.put("dashboard", "/#/runs/" + id);
        links.put("temporal_ui", temporal.workflowLink(eventId));
        return links;
    }
}
