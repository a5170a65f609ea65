package io.accessproof.server.runs;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.accessproof.server.api.ApiError;
import io.accessproof.server.api.ApiRequests;
import io.accessproof.server.api.ListPage;
import io.accessproof.server.incidents.IncidentView;
import io.accessproof.server.proofs.ProofView;
import io.accessproof.store.incidents.IncidentQueries;
import io.accessproof.store.proofs.ProofDao;
import io.accessproof.store.receipts.ReceiptDao;
import io.accessproof.store.runs.RunFilter;
import io.accessproof.store.runs.RunQueries;
import io.accessproof.store.runs.RunRow;
import io.accessproof.workflows.model.RunState;
import io.grpc.StatusRuntimeException;
import io.temporal.client.WorkflowException;
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
import java.util.List;
import java.util.Locale;
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

    /** The body of {@code POST /api/runs/{event_id}/terminate}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Terminate(String reason) {
    }

    /** The answer to a retry: {@code result} says whether the run was restarted or re-driven. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record RetryAnswer(String eventId, String result) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record TerminateAnswer(String eventId, String state) {
    }

    /** A bulk action: the runs it matched and, unless a dry run, the job working through them. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record BulkAnswer(String action, boolean dryRun, int count, List<String> eventIds, String jobId,
                             String status) {
    }

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
        return Response.ok(ListPage.page("/api/runs", page.size() > size,
                page.stream().limit(size).map(RunView::of).toList())).build();
    }

    @GET
    @Path("{event_id}")
    public Response show(@PathParam("event_id") String eventId) {
        return runs.find(eventId)
                .map(row -> Response.ok(detail(row)).build())
                .orElseGet(() -> ApiError.response(404, "no run for event " + eventId));
    }

    /** The run's proof records, oldest first: one each time it reached or changed its verdict. */
    @GET
    @Path("{event_id}/proof")
    public Response proof(@PathParam("event_id") String eventId) {
        if (!runs.exists(eventId)) {
            return ApiError.response(404, "no run for event " + eventId);
        }
        return Response.ok(ListPage.of(jdbi.onDemand(ProofDao.class).forRun(eventId).stream().map(ProofView::of)
                .toList())).build();
    }

    private RunView.Detail detail(RunRow row) {
        RunView.IncidentSummary incident = incidents.forRun(row.eventId()).map(IncidentView::of)
                .map(RunView.IncidentSummary::of).orElse(null);
        List<RunView.ReceiptView> receipts = jdbi.onDemand(ReceiptDao.class).forEvent(row.eventId()).stream()
                .map(RunView.ReceiptView::of).toList();
        return RunView.Detail.of(RunView.of(row), incident, receipts, runs.timeline(row.eventId()),
                links.of(row.eventId()));
    }

    @POST
    @Path("{event_id}/retry")
    public Response retry(@PathParam("event_id") String eventId, @Context ContainerRequestContext request) {
        RunOperations.Retry result = operations.retry(eventId, ApiRequests.actor(request));
        return switch (result) {
            case NOT_FOUND -> ApiError.response(404, "no run or stored event for " + eventId);
            case NO_STORED_EVENT -> ApiError.response(409, "run " + eventId
                    + " has closed and its Stripe event was never stored: nothing to start it again from");
            default -> Response.accepted(new RetryAnswer(eventId, result.name().toLowerCase(Locale.ROOT))).build();
        };
    }

    @POST
    @Path("{event_id}/terminate")
    public Response terminate(@PathParam("event_id") String eventId, Terminate body,
                              @Context ContainerRequestContext request) {
        String reason = body == null ? null : body.reason();
        if (reason == null || reason.isBlank()) {
            return ApiError.response(422, "reason is required to terminate a run");
        }
        return switch (operations.terminate(eventId, reason, ApiRequests.actor(request))) {
            case NOT_FOUND -> ApiError.response(404, "no run for event " + eventId);
            case ALREADY_CLOSED -> ApiError.response(409, "run " + eventId + " is closed ("
                    + runs.find(eventId).map(RunRow::state).orElse("?") + "): nothing to terminate");
            case TERMINATED -> Response.ok(new TerminateAnswer(eventId, RunState.TERMINATED.wire())).build();
        };
    }

    @POST
    @Path("retry")
    public Response bulkRetry(BulkRequest body, @Context ContainerRequestContext request) {
        String actor = ApiRequests.actor(request);
        return bulk("retry", body, actor);
    }

    @POST
    @Path("terminate")
    public Response bulkTerminate(BulkRequest body, @Context ContainerRequestContext request) {
        if (body != null && (body.reason() == null || body.reason().isBlank())) {
            return ApiError.response(422, "reason is required to terminate runs");
        }
        String actor = ApiRequests.actor(request);
        return bulk("terminate", body, actor);
    }

    @GET
    @Path("jobs/{job_id}")
    public Response job(@PathParam("job_id") String jobId) {
        return jobs.progress(jobId).map(p -> Response.ok(p).build())
                .orElseGet(() -> ApiError.response(404, "no bulk job " + jobId));
    }

    private Response bulk(String action, BulkRequest body, String actor) {
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
        if (body.dry()) {
            return Response.ok(new BulkAnswer(action, true, eventIds.size(), eventIds, null, null)).build();
        }
        BulkJobs.Progress job;
        try {
            job = jobs.submit(action, actor, "terminate".equals(action) ? body.reason() : null, filter.asMap(),
                    eventIds);
        } catch (WorkflowException | StatusRuntimeException e) {
            return ApiError.response(503, "Temporal did not take the bulk job (" + e.getClass().getSimpleName()
                    + "); nothing was changed, retry later");
        }
        return Response.ok(new BulkAnswer(action, false, eventIds.size(), eventIds, job.jobId(), job.status())).build();
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
