package io.accessproof.server.runs;

import io.accessproof.server.api.ApiError;
import io.accessproof.server.api.ApiRequests;
import io.accessproof.server.incidents.IncidentView;
import io.accessproof.store.Json;
import io.accessproof.store.incidents.IncidentQueries;
import io.accessproof.store.receipts.ReceiptDao;
import io.accessproof.store.receipts.StoredReceipt;
import io.accessproof.store.runs.RunFilter;
import io.accessproof.store.runs.RunQueries;
import io.accessproof.store.runs.RunRow;
import io.accessproof.workflows.model.RunState;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * The runs of the operator API: list by filter with Stripe-like cursors, one run with its timeline,
 * retry and terminate one run or, by filter, many (dry run first, paced, audited).
 */
@Path("/api/runs")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class RunsResource {
    private static final int MAX_BULK = 10_000;

    private final RunQueries runs;
    private final IncidentQueries incidents;
    private final Jdbi jdbi;
    private final RunOperations operations;
    private final BulkJobs jobs;
    private final RunLinks links;

    public RunsResource(RunQueries runs, IncidentQueries incidents, Jdbi jdbi, RunOperations operations,
                        BulkJobs jobs, RunLinks links) {
        this.runs = runs;
        this.incidents = incidents;
        this.jdbi = jdbi;
        this.operations = operations;
        this.jobs = jobs;
        this.links = links;
    }

    @GET
    public Response list(@QueryParam("state") String state, @QueryParam("type") String type,
                         @QueryParam("customer") String customer, @QueryParam("subscription") String subscription,
                         @QueryParam("incident_kind") String incidentKind, @QueryParam("deploy_sha") String deploySha,
                         @QueryParam("since") String since, @QueryParam("until") String until,
                         @QueryParam("limit") String limit, @QueryParam("starting_after") String startingAfter) {
        RunFilter filter;
        int size;
        try {
            filter = filter(state, type, customer, subscription, incidentKind, deploySha, since, until);
            size = ApiRequests.limit(limit, 20, 100);
        } catch (IllegalArgumentException e) {
            return ApiError.response(422, e.getMessage());
        }
        if (startingAfter != null && !runs.exists(startingAfter)) {
            return ApiError.response(422, "starting_after names no run: " + startingAfter);
        }
        List<RunRow> page = runs.list(filter, startingAfter, size + 1);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("object", "list");
        body.put("url", "/api/runs");
        body.put("has_more", page.size() > size);
        body.put("data", page.stream().limit(size).map(RunView::of).toList());
        return Response.ok(body).build();
    }

    @GET
    @Path("{event_id}")
    public Response show(@PathParam("event_id") String eventId) {
        return runs.find(eventId)
                .map(row -> Response.ok(detail(row)).build())
                .orElseGet(() -> ApiError.response(404, "no run for event " + eventId));
    }

    private RunView.Detail detail(RunRow row) {
        Map<String, Object> incident = incidents.forRun(row.eventId()).map(IncidentView::of).map(RunsResource::incidentSummary).orElse(null);
        List<Map<String, Object>> receipts = jdbi.onDemand(ReceiptDao.class).forEvent(row.eventId()).stream()
                .map(RunsResource::receipt).toList();
        return RunView.Detail.of(RunView.of(row), incident, receipts, runs.timeline(row.eventId()),
                links.of(row.eventId()));
    }

    private static Map<String, Object> incidentSummary(IncidentView i) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", i.id());
        m.put("kind", i.kind());
        m.put("title", i.title());
        m.put("status", i.status());
        m.put("opened_at", i.openedAt());
        m.put("resolved_how", i.resolvedHow());
        m.put("resolved_reason", i.resolvedReason());
        m.put("evidence", i.evidence());
        return m;
    }

    private static Map<String, Object> receipt(StoredReceipt r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("receipt_id", r.receiptId());
        m.put("app", r.app());
        m.put("status", r.status());
        m.put("reason_code", r.reasonCode());
        m.put("deploy_sha", r.deploySha());
        m.put("processed_at", r.processedAt());
        m.put("received_at", RunView.iso(r.receivedAt()));
        m.put("side_effect_refs", Json.read(r.sideEffectRefs(), Map.class));
        return m;
    }

    @POST
    @Path("{event_id}/retry")
    public Response retry(@PathParam("event_id") String eventId, @Context ContainerRequestContext request) {
        RunOperations.Retry result = operations.retry(eventId, ApiRequests.actor(request));
        return switch (result) {
            case NOT_FOUND -> ApiError.response(404, "no run or stored event for " + eventId);
            case NO_STORED_EVENT -> ApiError.response(409, "run " + eventId
                    + " has closed and its Stripe event was never stored: nothing to start it again from");
            default -> Response.accepted(Map.of("event_id", eventId, "result", result.name().toLowerCase())).build();
        };
    }

    @POST
    @Path("{event_id}/terminate")
    public Response terminate(@PathParam("event_id") String eventId, Map<String, Object> body,
                              @Context ContainerRequestContext request) {
        String reason = body == null ? null : (String) body.get("reason");
        if (reason == null || reason.isBlank()) {
            return ApiError.response(422, "reason is required to terminate a run");
        }
        return switch (operations.terminate(eventId, reason, ApiRequests.actor(request))) {
            case NOT_FOUND -> ApiError.response(404, "no run for event " + eventId);
            case ALREADY_CLOSED -> ApiError.response(409, "run " + eventId + " is closed ("
                    + runs.find(eventId).map(RunRow::state).orElse("?") + "): nothing to terminate");
            case TERMINATED -> Response.ok(Map.of("event_id", eventId, "state", RunState.TERMINATED.wire())).build();
        };
    }

    @POST
    @Path("retry")
    public Response bulkRetry(BulkRequest body, @Context ContainerRequestContext request) {
        String actor = ApiRequests.actor(request);
        return bulk("retry", body, actor, id -> operations.retry(id, actor) != RunOperations.Retry.NOT_FOUND);
    }

    @POST
    @Path("terminate")
    public Response bulkTerminate(BulkRequest body, @Context ContainerRequestContext request) {
        if (body != null && (body.reason() == null || body.reason().isBlank())) {
            return ApiError.response(422, "reason is required to terminate runs");
        }
        String actor = ApiRequests.actor(request);
        return bulk("terminate", body, actor,
                id -> operations.terminate(id, body.reason(), actor) == RunOperations.Terminate.TERMINATED);
    }

    @GET
    @Path("jobs/{job_id}")
    public Response job(@PathParam("job_id") String jobId) {
        return jobs.progress(jobId).map(p -> Response.ok(p).build())
                .orElseGet(() -> ApiError.response(404, "no bulk job " + jobId + " in this process"));
    }

    private Response bulk(String action, BulkRequest body, String actor, java.util.function.Predicate<String> op) {
        if (body == null) {
            return ApiError.response(422, "a JSON body with a filter is required");
        }
        RunFilter filter;
        try {
            filter = filter(body.state(), body.type(), body.customer(), body.subscription(), body.incidentKind(),
                    body.deploySha(), body.since(), body.until());
        } catch (IllegalArgumentException e) {
            return ApiError.response(422, e.getMessage());
        }
        if (filter.empty()) {
            return ApiError.response(422, "set at least one filter field: bulk actions never touch every run");
        }
        List<String> eventIds = runs.list(filter, null, MAX_BULK).stream().map(RunRow::eventId).toList();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("action", action);
        answer.put("dry_run", body.dry());
        answer.put("count", eventIds.size());
        answer.put("event_ids", eventIds);
        if (!body.dry()) {
            BulkJobs.Progress job = jobs.submit(action, filter.asMap(), eventIds, op);
            operations.auditBulk(actor, action, filter, eventIds.size(), job.jobId());
            answer.put("job_id", job.jobId());
            answer.put("status", job.status());
        }
        return Response.ok(answer).build();
    }

    private static RunFilter filter(String state, String type, String customer, String subscription,
                                    String incidentKind, String deploySha, String since, String until) {
        String knownState = blankToNull(state) == null ? null : ApiRequests.known(state, "state", RunState.class);
        return new RunFilter(knownState, blankToNull(type), blankToNull(customer), blankToNull(subscription),
                blankToNull(incidentKind), blankToNull(deploySha), ApiRequests.instant(since, "since"),
                ApiRequests.instant(until, "until"));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
