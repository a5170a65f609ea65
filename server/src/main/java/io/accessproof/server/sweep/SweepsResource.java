package io.accessproof.server.sweep;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.accessproof.server.api.ApiError;
import io.accessproof.server.api.ApiRequests;
import io.accessproof.store.operators.AuditLog;
import io.accessproof.store.sweeps.SweepDao;
import io.accessproof.workflows.TaskQueues;
import io.accessproof.workflows.sweep.MissedEventSweepWorkflow;
import io.accessproof.workflows.sweep.SweepInput;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * {@code POST /api/sweeps} {@code {"since": "2026-12-01"}} starts a missed-event sweep by hand (202, role
 * operate, audited); {@code GET /api/sweeps/{id}} shows its progress and what it found.
 */
@Path("/api/sweeps")
@Produces(MediaType.APPLICATION_JSON)
public final class SweepsResource {
    private static final Duration STRIPE_EVENT_WINDOW = Duration.ofDays(30);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The body of {@code POST /api/sweeps}. */
    public record Start(@JsonProperty("since") String since) {
    }

    private final Jdbi jdbi;
    private final WorkflowClient temporal;
    private final SweepConfig config;
    private final Set<String> types;
    private final AuditLog audit;
    private final Clock clock;

    public SweepsResource(Jdbi jdbi, WorkflowClient temporal, SweepConfig config, Set<String> types, AuditLog audit,
                          Clock clock) {
        this.jdbi = jdbi;
        this.temporal = temporal;
        this.config = config;
        this.types = types;
        this.audit = audit;
        this.clock = clock;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response start(Start body, @Context ContainerRequestContext request) {
        Instant now = clock.instant();
        Instant since;
        try {
            since = since(body == null ? null : body.since(), now);
        } catch (IllegalArgumentException e) {
            return ApiError.response(400, e.getMessage());
        }
        String sweepId = "swp_" + HexFormat.of().formatHex(randomBytes());
        try {
            jdbi.onDemand(SweepDao.class).start(sweepId, false, since, now);
            SweepInput input = config.input(types, sweepId, since.getEpochSecond());
            MissedEventSweepWorkflow sweep = temporal.newWorkflowStub(MissedEventSweepWorkflow.class,
                    WorkflowOptions.newBuilder().setWorkflowId(MissedEventSweepWorkflow.idOf(sweepId))
                            .setTaskQueue(TaskQueues.OUTCOME).build());
            WorkflowClient.start(sweep::sweep, input);
        } catch (JdbiException e) {
            return ApiError.response(503, "database unavailable; no sweep started, retry later");
        } catch (RuntimeException e) {
            jdbi.onDemand(SweepDao.class).fail(sweepId, "not started: Temporal did not take it");
            return ApiError.response(503, "Temporal did not take the sweep; retry later");
        }
        audit.record(ApiRequests.actor(request), "sweep", sweepId, Map.of("since", since.toString()));
        return Response.accepted(show(sweepId)).build();
    }

    @GET
    @Path("{sweep_id}")
    public Response get(@PathParam("sweep_id") String sweepId) {
        SweepView sweep = show(sweepId);
        return sweep == null ? ApiError.response(404, "no sweep " + sweepId) : Response.ok(sweep).build();
    }

    private SweepView show(String sweepId) {
        return jdbi.onDemand(SweepDao.class).find(sweepId).map(SweepView::of).orElse(null);
    }

    /** A date (midnight UTC) or an ISO-8601 time; not in the future; Stripe lists only its last 30 days. */
    static Instant since(String text, Instant now) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("since is required: a date (2026-12-01) or an ISO-8601 time");
        }
        Instant since;
        try {
            since = text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("since must be a date (2026-12-01) or an ISO-8601 time with an offset");
        }
        if (since.isAfter(now)) {
            throw new IllegalArgumentException("since " + text + " is in the future");
        }
        Instant oldest = now.minus(STRIPE_EVENT_WINDOW);
        return since.isBefore(oldest) ? oldest : since;
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
