package io.accessproof.server.customers;

import com.fasterxml.jackson.databind.JsonNode;
import io.accessproof.activities.probes.Probe;
import io.accessproof.activities.store.Json;
import io.accessproof.server.api.ApiError;
import io.accessproof.workflows.model.Observation;
import io.accessproof.workflows.model.ProbeKind;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code GET /api/customers/{customer_id}/access}: the support question "did they get what they paid
 * for?" — what Stripe says (the expectation of the latest run of each subscription), what the app shows
 * now (a live probe), the latest runs, and a plain yes or no.
 */
@Path("/api/customers/{customer_id}/access")
@Produces(MediaType.APPLICATION_JSON)
public final class CustomerAccessResource {
    private final Jdbi jdbi;
    private final Probe probe;
    private final ProbeKind probeKind;

    public CustomerAccessResource(Jdbi jdbi, Probe probe, ProbeKind probeKind) {
        this.jdbi = jdbi;
        this.probe = probe;
        this.probeKind = probeKind;
    }

    @GET
    public Response access(@PathParam("customer_id") String customerId) {
        List<Map<String, Object>> latest = latestRunPerSubscription(customerId);
        if (latest.isEmpty()) {
            return ApiError.response(404, "accessproof has no run for customer " + customerId);
        }
        Map<String, Object> paidFor = paidFor(latest);
        Map<String, Object> app = probeKind == ProbeKind.RECEIPT ? null : app(probe.observe(customerId));
        Boolean yes = verdict(paidFor, app, latest);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("customer_id", customerId);
        body.put("has_access_they_paid_for", yes);
        body.put("answer", answer(yes, paidFor, app));
        body.put("stripe", Map.of("paid_for", paidFor));
        body.put("app", app);
        body.put("latest_runs", latest.stream().map(CustomerAccessResource::runSummary).toList());
        return Response.ok(body).build();
    }

    private List<Map<String, Object>> latestRunPerSubscription(String customerId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT DISTINCT ON (coalesce(subscription_id, event_id)) "
                        + "event_id, event_type, subscription_id, state, expected::text AS expected FROM runs "
                        + "WHERE customer_id = :c AND state NOT IN ('superseded', 'terminated') "
                        + "ORDER BY coalesce(subscription_id, event_id), event_created DESC NULLS LAST, started_at DESC")
                .bind("c", customerId).mapToMap().list());
    }

    /** The subscription that grants access wins; else the one Stripe knows last. */
    private static Map<String, Object> paidFor(List<Map<String, Object>> latest) {
        JsonNode best = null;
        String subscription = null;
        for (Map<String, Object> run : latest) {
            JsonNode expected = Json.read((String) run.get("expected"), JsonNode.class);
            if (expected != null && (best == null || (!best.path("access").asBoolean() && expected.path("access").asBoolean()))) {
                best = expected;
                subscription = (String) run.get("subscription_id");
            }
        }
        Map<String, Object> paid = new LinkedHashMap<>();
        paid.put("subscription_id", subscription);
        paid.put("plan", best == null || best.path("plan").isNull() ? null : best.path("plan").asText(null));
        paid.put("access", best != null && best.path("access").asBoolean());
        paid.put("status", best == null ? null : best.path("stripe_status").asText(null));
        return paid;
    }

    private static Map<String, Object> app(Observation observed) {
        Map<String, Object> app = new LinkedHashMap<>();
        app.put("reachable", observed.reachable());
        app.put("plan", observed.plan());
        app.put("access", observed.reachable() && observed.active());
        app.put("detail", observed.detail());
        app.put("deploy_sha", observed.deploySha());
        return app;
    }

    /**
     * Compares Stripe with the app when the app can be read; otherwise the latest runs say it (an incident
     * is a no, proofs everywhere a yes). Null when nothing can be said yet.
     */
    private static Boolean verdict(Map<String, Object> paid, Map<String, Object> app, List<Map<String, Object>> latest) {
        if (app == null || !(Boolean) app.get("reachable")) {
            return fromRuns(latest);
        }
        boolean paidAccess = (Boolean) paid.get("access");
        if (paidAccess != (Boolean) app.get("access")) {
            return false;
        }
        return !paidAccess || Objects.equals(paid.get("plan"), app.get("plan"));
    }

    private static Boolean fromRuns(List<Map<String, Object>> latest) {
        if (latest.stream().anyMatch(r -> "incident".equals(r.get("state")))) {
            return false;
        }
        boolean allProven = latest.stream().allMatch(r -> "proven".equals(r.get("state"))
                || "proven_late".equals(r.get("state")) || "not_applicable".equals(r.get("state")));
        return allProven ? true : null;
    }

    private static String answer(Boolean yes, Map<String, Object> paid, Map<String, Object> app) {
        String stripe = "Stripe says " + side(paid.get("plan"), (Boolean) paid.get("access"));
        String shown = app == null ? "the app is proven by receipts only, and its latest runs say so"
                : !(Boolean) app.get("reachable") ? "the app could not be read (" + app.get("detail")
                        + "), so the latest runs say it"
                : "the app shows " + side(app.get("plan"), (Boolean) app.get("access"));
        String lead = yes == null ? "Unknown" : yes ? "Yes" : "No";
        return lead + ": " + stripe + "; " + shown + ".";
    }

    private static String side(Object plan, boolean access) {
        return access ? "plan " + (plan == null ? "(none)" : plan) + " with access" : "no access";
    }

    private static Map<String, Object> runSummary(Map<String, Object> run) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("event_id", run.get("event_id"));
        summary.put("event_type", run.get("event_type"));
        summary.put("subscription_id", run.get("subscription_id"));
        summary.put("state", run.get("state"));
        return summary;
    }
}
