package io.accessproof.server.incidents;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.accessproof.server.api.ApiError;
import io.accessproof.server.api.ApiRequests;
import io.accessproof.server.api.ListPage;
import io.accessproof.server.operators.OperatorActions;
import io.accessproof.store.incidents.IncidentQueries;
import io.accessproof.store.incidents.IncidentRow;
import io.accessproof.workflows.model.IncidentKind;
import io.accessproof.workflows.model.OperatorAnswer;
import io.accessproof.workflows.model.OperatorRequest;
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
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Incidents for operators: {@code GET /api/incidents?status=open|acknowledged|resolved|all&kind=&customer=},
 * {@code POST /api/incidents/{id}/ack}, {@code POST /api/incidents/{id}/resolve} with a note and a reason
 * ({@code fixed} by default, {@code false_alarm}, {@code duplicate}, {@code other}). Audited.
 */
@Path("/api/incidents")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class IncidentsResource {
    private static final Set<String> OWNED_BY_NO_RUN = Set.of(IncidentKind.DRIFT.wire(), IncidentKind.RUN_STALLED.wire());

    private final IncidentQueries incidents;
    private final OperatorActions actions;

    /** The body of {@code POST /api/incidents/{id}/resolve}; {@code reason} defaults to fixed. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Resolve(String note, String reason) {
    }

    public IncidentsResource(IncidentQueries incidents, OperatorActions actions) {
        this.incidents = incidents;
        this.actions = actions;
    }

    @GET
    public Response list(@QueryParam("status") String status, @QueryParam("kind") String kind,
                         @QueryParam("customer") String customer, @QueryParam("limit") String limit) {
        try {
            IncidentQueries.Status lifecycle = status == null || status.isBlank() ? IncidentQueries.Status.OPEN
                    : IncidentQueries.Status.valueOf(
                            ApiRequests.known(status, "status", IncidentQueries.Status.class).toUpperCase(Locale.ROOT));
            String knownKind = kind == null || kind.isBlank() ? null : ApiRequests.known(kind, "kind", IncidentKind.class);
            return Response.ok(ListPage.of(incidents.list(lifecycle, knownKind,
                    customer == null || customer.isBlank() ? null : customer, ApiRequests.limit(limit, 50, 500))
                    .stream().map(IncidentView::of).toList())).build();
        } catch (IllegalArgumentException e) {
            return ApiError.response(422, e.getMessage());
        }
    }

    @GET
    @Path("{id}")
    public Response show(@PathParam("id") String id) {
        return incidents.find(id).map(IncidentView::of).map(i -> Response.ok(i).build())
                .orElseGet(() -> ApiError.response(404, "no incident " + id));
    }

    @POST
    @Path("{id}/ack")
    public Response acknowledge(@PathParam("id") String id, @Context ContainerRequestContext request) {
        return act(id, row -> OperatorRequest.acknowledge(id, row.eventId(), ApiRequests.actor(request)),
                now -> "incident " + id + " is " + now.status() + ", not open");
    }

    @POST
    @Path("{id}/resolve")
    public Response resolve(@PathParam("id") String id, Resolve body, @Context ContainerRequestContext request) {
        String text = body == null ? null : body.note();
        if (text == null || text.isBlank()) {
            return ApiError.response(422, "note is required: say how the incident was resolved");
        }
        Optional<ResolutionReason> reason = body.reason() == null ? Optional.of(ResolutionReason.FIXED)
                : ResolutionReason.fromWire(body.reason());
        if (reason.isEmpty()) {
            return ApiError.response(422, "reason must be one of " + ResolutionReason.choices());
        }
        return act(id, row -> OperatorRequest.resolve(id, row.eventId(), reason.get().wire(), text,
                ApiRequests.actor(request)), now -> "incident " + id + " is already resolved");
    }

    /** An incident of a run goes to the run's workflow; a drift or stall incident, which no run owns, does not. */
    private Response act(String id, Function<IncidentRow, OperatorRequest> action,
                         Function<IncidentView, String> conflict) {
        Optional<IncidentRow> row = incidents.find(id);
        if (row.isEmpty()) {
            return ApiError.response(404, "no incident " + id);
        }
        OperatorRequest request = action.apply(row.get());
        OperatorAnswer answer = OWNED_BY_NO_RUN.contains(row.get().kind()) || row.get().eventId() == null
                ? actions.standalone(request) : actions.onRun(request);
        IncidentView now = incidents.find(id).map(IncidentView::of).orElseThrow();
        return switch (answer.result()) {
            case DONE -> Response.ok(now).build();
            case NOT_FOUND -> ApiError.response(404, "no incident " + id);
            case NOT_OPEN, ALREADY_CLOSED -> ApiError.response(409, conflict.apply(now));
        };
    }
}
