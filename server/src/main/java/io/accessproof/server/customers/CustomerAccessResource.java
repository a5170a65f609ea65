package io.accessproof.server.customers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.accessproof.activities.probes.Probe;
import io.accessproof.server.api.ApiError;
import io.accessproof.store.Json;
import io.accessproof.store.runs.CustomerRunsDao.LatestRun;
import io.accessproof.store.runs.CustomerRunsDao;
import io.accessproof.workflows.model.Observation;
import io.accessproof.workflows.model.ProbeKind;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * {@code GET /api/customers/{customer_id}/access}: the support question "did they get what they paid
 * for?" — what Stripe says (the expectation of the latest run of each subscription), what the app shows
 * now (a live probe), the latest runs, and a plain yes or no.
 */
@Path("/api/customers/{customer_id}/access")
@Produces(MediaType.APPLICATION_JSON)
public final class CustomerAccessResource {
    private static final Set<String> SETTLED = Set.of("proven", "proven_late", "not_applicable");

    /** The answer: {@code has_access_they_paid_for} is null when nothing can be said yet. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record CustomerAccess(String customerId, Boolean hasAccessTheyPaidFor, String answer, Stripe stripe, App app,
                                 List<RunSummary> latestRuns) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Stripe(PaidFor paidFor) {
    }

    /** The subscription that grants access, else the one Stripe knows last. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record PaidFor(String subscriptionId, String plan, boolean access, String status) {
    }

    /** What the app showed to a live probe just now; absent when the app is proven by receipts only. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record App(boolean reachable, String plan, boolean access, String detail, String deploySha) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record RunSummary(String eventId, String eventType, String subscriptionId, String state) {
    }

    private final CustomerRunsDao runs;
    private final Probe probe;
    private final ProbeKind probeKind;

    public CustomerAccessResource(CustomerRunsDao runs, Probe probe, ProbeKind probeKind) {
        this.runs = runs;
        this.probe = probe;
        this.probeKind = probeKind;
    }

    @GET
    public Response access(@PathParam("customer_id") String customerId) {
        List<LatestRun> latest = runs.latestPerSubscription(customerId);
        if (latest.isEmpty()) {
            return ApiError.response(404, "accessproof has no run for customer " + customerId);
        }
        PaidFor paidFor = paidFor(latest);
        App app = probeKind == ProbeKind.RECEIPT ? null : app(probe.observe(customerId));
        Boolean yes = verdict(paidFor, app, latest);
        return Response.ok(new CustomerAccess(customerId, yes, answer(yes, paidFor, app), new Stripe(paidFor), app,
                latest.stream().map(r -> new RunSummary(r.eventId(), r.eventType(), r.subscriptionId(), r.state()))
                        .toList())).build();
    }

    private static PaidFor paidFor(List<LatestRun> latest) {
        JsonNode best = null;
        String subscription = null;
        for (LatestRun run : latest) {
            JsonNode expected = Json.read(run.expected(), JsonNode.class);
            if (expected != null && (best == null || (!best.path("access").asBoolean() && expected.path("access").asBoolean()))) {
                best = expected;
                subscription = run.subscriptionId();
            }
        }
        return new PaidFor(subscription,
                best == null || best.path("plan").isNull() ? null : best.path("plan").asText(null),
                best != null && best.path("access").asBoolean(),
                best == null ? null : best.path("stripe_status").asText(null));
    }

    private static App app(Observation observed) {
        return new App(observed.reachable(), observed.plan(), observed.reachable() && observed.active(),
                observed.detail(), observed.deploySha());
    }

    /**
     * Compares Stripe with the app when the app can be read; otherwise the latest runs say it (an incident
     * is a no, proofs everywhere a yes). Null when nothing can be said yet.
     */
    private static Boolean verdict(PaidFor paid, App app, List<LatestRun> latest) {
        if (app == null || !app.reachable()) {
            return fromRuns(latest);
        }
        if (paid.access() != app.access()) {
            return false;
        }
        return !paid.access() || Objects.equals(paid.plan(), app.plan());
    }

    private static Boolean fromRuns(List<LatestRun> latest) {
        if (latest.stream().anyMatch(r -> "incident".equals(r.state()))) {
            return false;
        }
        return latest.stream().allMatch(r -> SETTLED.contains(r.state())) ? true : null;
    }

    private static String answer(Boolean yes, PaidFor paid, App app) {
        String stripe = "Stripe says " + side(paid.plan(), paid.access());
        String shown = app == null ? "the app is proven by receipts only, and its latest runs say so"
                : !app.reachable() ? "the app could not be read (" + app.detail() + "), so the latest runs say it"
                : "the app shows " + side(app.plan(), app.access());
        String lead = yes == null ? "Unknown" : yes ? "Yes" : "No";
        return lead + ": " + stripe + "; " + shown + ".";
    }

    private static String side(String plan, boolean access) {
        return access ? "plan " + (plan == null ? "(none)" : plan) + " with access" : "no access";
    }
}
