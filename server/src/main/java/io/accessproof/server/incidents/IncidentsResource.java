package io.accessproof.server.incidents;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.accessproof.server.api.ApiError;
import io.accessproof.server.api.ApiRequests;
import io.accessproof.server.api.ListPage;
import io.accessproof.store.incidents.IncidentQueries;
import io.accessproof.store.operators.AuditLog;
import io.accessproof.workflows.model.IncidentKind;
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
import java.util.Map;
import java.util.Optional;

/**
 * Incidents for operators: {@code GET /api/incidents?status=open|acknowledged|resolved|all&kind=&customer=},
 * {@code POST /api/incidents/{id}/ack}, {@code POST /api/incidents/{id}/resolve} with a note and a reason
 * ({@code fixed} by default, {@code false_alarm}, {@code duplicate}, {@code other}). Audited.
 */
@Path("/api/incidents")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class IncidentsResource {
    private final IncidentQueries incidents;
    private final AuditLog audit;
    private final ResolutionNotifier resolutions;

    /** The body of {@code POST /api/incidents/{id}/resolve}; {@code reason} defaults to fixed. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Resolve(String note, String reason) {
    }

    public IncidentsResource(IncidentQueries incidents, AuditLog audit, ResolutionNotifier resolutions) {
        this.incidents = incidents;
        this.audit = audit;
        this.resolutions = resolutions;
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
        String actor = ApiRequests.actor(request);
        if (!incidents.acknowledge(id, actor)) {
            return incidents.find(id).map(IncidentView::of)
                    .map(i -> ApiError.response(409, "incident " + id + " is " + i.status() + ", not open"))
                    .orElseGet(() -> ApiError.response(404, "no incident " + id));
        }
        audit.record(actor, "incident.ack", id, Map.of());
        return Response.ok(incidents.find(id).map(IncidentView::of).orElseThrow()).build();
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
        String actor = ApiRequests.actor(request);
        if (!incidents.resolve(id, "manual", reason.get().wire(), text)) {
            return incidents.find(id).map(IncidentView::of)
                    .map(i -> ApiError.response(409, "incident " + id + " is already resolved"))
                    .orElseGet(() -> ApiError.response(404, "no incident " + id));
        }
        audit.record(actor, "incident.resolve", id, Map.of("note", text, "reason", reason.get().wire()));
        IncidentView resolved = incidents.find(id).map(IncidentView::of).orElseThrow();
        resolutions.resolved(id, resolved.eventId(), null, "manual", text);
        return Response.ok(resolved).build();
    }
}
