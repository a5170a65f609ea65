package io.accessproof.server.audit;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.accessproof.server.api.ApiError;
import io.accessproof.server.api.ApiRequests;
import io.accessproof.server.api.ListPage;
import io.accessproof.store.audits.AuditDao;
import io.accessproof.store.audits.AuditRow;
import io.accessproof.store.operators.AuditLog;
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
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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

    /** The body of {@code POST /api/audits}. */
    public record Start(@JsonProperty("dry_run") Boolean dryRun) {
    }

    private final AuditDao audits;
    private final AuditStarter starter;
    private final AuditLog audit;

    public AuditsResource(AuditDao audits, AuditStarter starter, AuditLog audit) {
        this.audits = audits;
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
    public ListPage<AuditView> list() {
        List<AuditView> latest = audits.latest(LISTED).stream().map(row -> view(row, List.of())).toList();
        return ListPage.of(latest);
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
        if (!audits.cancel(auditId)) {
            return ApiError.response(409, "audit " + auditId + " is " + view.status() + ", not running");
        }
        audit.record(ApiRequests.actor(request), "audit_cancel", auditId, Map.of());
        return Response.ok(show(auditId)).build();
    }

    private AuditView show(String auditId) {
        return audits.find(auditId).map(row -> view(row, audits.wrongCustomers(auditId, WRONG_SHOWN).stream()
                .map(w -> new AuditView.Wrong(w.customerId(), w.finding(), w.detail())).toList())).orElse(null);
    }

    /** Seconds left, reckoned with the last finished audit's customer count; null when there is nothing to go by. */
    static Long eta(int done, Double perSecond, Integer lastCount) {
        if (perSecond == null || perSecond <= 0 || lastCount == null) {
            return null;
        }
        return Math.round(Math.max(0, lastCount - done) / perSecond);
    }

    private static AuditView view(AuditRow row, List<AuditView.Wrong> wrong) {
        Instant until = row.finishedAt() != null ? row.finishedAt() : Instant.now();
        double seconds = Math.max(0.001, Duration.between(row.startedAt(), until).toMillis() / 1000.0);
        Double rate = row.customers() == 0 ? null : Math.round(row.customers() / seconds * 10) / 10.0;
        String ended = row.finishedAt() == null ? null : row.finishedAt().toString();
        return new AuditView(row.auditId(), row.status(), row.dryRun(), row.scheduled(), row.startedAt().toString(),
                ended, row.pages(), row.customers(), rate,
                "running".equals(row.status()) ? eta(row.customers(), rate, row.lastCustomers()) : null,
                new AuditView.Counts(row.audited(), row.rightAccess(), row.paidNoAccess(), row.accessNotPaid(),
                        row.appUnreachable(), row.cannotVerify()),
                wrong);
    }
}
