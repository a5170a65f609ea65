package io.accessproof.server.audit;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.accessproof.activities.audit.AuditDao;
import io.accessproof.server.api.ApiError;
import io.accessproof.server.api.ApiRequests;
import io.accessproof.server.api.AuditLog;
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
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * {@code POST /api/audits} {@code {"dry_run": true}} starts a drift audit (202, role operate, audited; a dry run
 * by default: it records findings and opens no incident), {@code GET /api/audits/{id}} shows its progress and
 * result, {@code POST /api/audits/{id}/cancel} stops it at its next page; {@code GET /api/audits} lists the latest.
 */
@Path("/api/audits")
@Produces(MediaType.APPLICATION_JSON)
public final class AuditsResource {
    private static final int WRONG_SHOWN = 1000;
    private static final int LISTED = 20;
    /** An audit's row, and the customer count of the last audit finished before it (for the ETA). */
    private static final String SELECT = "SELECT a.*, (SELECT p.customers FROM audits p WHERE p.status = 'done' "
            + "AND p.audit_id <> a.audit_id ORDER BY p.finished_at DESC LIMIT 1) AS last_customers FROM audits a";

    /** The body of {@code POST /api/audits}. */
    public record Start(@JsonProperty("dry_run") Boolean dryRun) {
    }

    private final Jdbi jdbi;
    private final AuditStarter starter;
    private final AuditLog audit;

    public AuditsResource(Jdbi jdbi, AuditStarter starter, AuditLog audit) {
        this.jdbi = jdbi;
        this.starter = starter;
        this.audit = audit;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public Response start(Start body, @Context ContainerRequestContext request) {
        boolean dryRun = body == null || body.dryRun() == null || body.dryRun();
        String auditId;
        try {
            auditId = starter.startNew(dryRun);
        } catch (JdbiException e) {
            return ApiError.response(503, "database unavailable; no audit started, retry later");
        } catch (RuntimeException e) {
            return ApiError.response(503, "Temporal did not take the audit; it starts within "
                    + "audit.resumeEvery, or retry");
        }
        audit.record(ApiRequests.actor(request), "audit", auditId, Map.of("dry_run", dryRun));
        return Response.accepted(show(auditId)).build();
    }

    /** The latest audits, newest first, without their wrong customers. */
    @GET
    public Map<String, Object> list() {
        List<AuditView> latest = jdbi.withHandle(h -> h.createQuery(SELECT + " ORDER BY a.started_at DESC LIMIT "
                + LISTED).map((rs, ctx) -> view(rs, List.of())).list());
        return Map.of("data", latest);
    }

    @GET
    @Path("{audit_id}")
    public Response get(@PathParam("audit_id") String auditId) {
        AuditView view = show(auditId);
        return view == null ? ApiError.response(404, "no audit " + auditId) : Response.ok(view).build();
    }

    @POST
    @Path("{audit_id}/cancel")
    public Response cancel(@PathParam("audit_id") String auditId, @Context ContainerRequestContext request) {
        AuditView view = show(auditId);
        if (view == null) {
            return ApiError.response(404, "no audit " + auditId);
        }
        if (!jdbi.withExtension(AuditDao.class, dao -> dao.cancel(auditId))) {
            return ApiError.response(409, "audit " + auditId + " is " + view.status() + ", not running");
        }
        audit.record(ApiRequests.actor(request), "audit_cancel", auditId, Map.of());
        return Response.ok(show(auditId)).build();
    }

    private AuditView show(String auditId) {
        return jdbi.withHandle(h -> h.createQuery(SELECT + " WHERE a.audit_id = :id").bind("id", auditId)
                .map((rs, ctx) -> view(rs, h.createQuery("SELECT customer_id, finding, detail FROM audit_findings "
                                + "WHERE audit_id = :id AND finding IN ('paid_no_access', 'access_not_paid') "
                                + "ORDER BY customer_id LIMIT " + WRONG_SHOWN).bind("id", auditId)
                        .map((w, c) -> new AuditView.Wrong(w.getString(1), w.getString(2), w.getString(3))).list()))
                .findOne().orElse(null));
    }

    /** Seconds left, reckoned with the last finished audit's customer count; null when there is nothing to go by. */
    static Long eta(int done, Double perSecond, Integer lastCount) {
        if (perSecond == null || perSecond <= 0 || lastCount == null) {
            return null;
        }
        return Math.round(Math.max(0, lastCount - done) / perSecond);
    }

    private static AuditView view(ResultSet rs, List<AuditView.Wrong> wrong) throws SQLException {
        Instant started = rs.getTimestamp("started_at").toInstant();
        Timestamp finished = rs.getTimestamp("finished_at");
        Instant until = finished != null ? finished.toInstant() : Instant.now();
        double seconds = Math.max(0.001, Duration.between(started, until).toMillis() / 1000.0);
        int customers = rs.getInt("customers");
        Double rate = customers == 0 ? null : Math.round(customers / seconds * 10) / 10.0;
        Integer last = (Integer) rs.getObject("last_customers");
        String ended = finished == null ? null : finished.toInstant().toString();
        return new AuditView(rs.getString("audit_id"), rs.getString("status"), rs.getBoolean("dry_run"),
                rs.getBoolean("scheduled"), started.toString(), ended, rs.getInt("pages"), customers, rate,
                "running".equals(rs.getString("status")) ? eta(customers, rate, last) : null,
                new AuditView.Counts(rs.getInt("audited"), rs.getInt("right_access"), rs.getInt("paid_no_access"),
                        rs.getInt("access_not_paid"), rs.getInt("app_unreachable"), rs.getInt("cannot_verify")),
                wrong);
    }
}
