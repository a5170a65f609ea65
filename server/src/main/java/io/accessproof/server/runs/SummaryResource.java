package io.accessproof.server.runs;

import com.codahale.metrics.health.HealthCheck;
import com.codahale.metrics.health.HealthCheckRegistry;
import io.accessproof.activities.incidents.IncidentDao;
import io.accessproof.workflows.model.IncidentKind;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code GET /api/summary}: runs per state (from the counters {@code run_state_counts} keeps, so the answer
 * costs the same at any number of runs), the share proven within the deadline (proven on time among runs
 * that were proven or escalated), time to proof p50/p95 per event type over the latest proofs, open
 * incidents (and how many of them say accessproof could not check), and whether accessproof can see: the
 * last results of the {@code stripe} and {@code probe} health checks (cached; reading them calls neither
 * Stripe nor the app).
 */
@Path("/api/summary")
@Produces(MediaType.APPLICATION_JSON)
public final class SummaryResource {
    private static final List<String> SIGHT = List.of("stripe", "probe");
    /** Time to proof is read from this many latest proofs: recent, and the same cost at any table size. */
    static final int TIME_TO_PROOF_WINDOW = 1000;
    private static final List<String> CANNOT_VERIFY = Arrays.stream(IncidentKind.values())
            .filter(IncidentKind::cannotVerify).map(IncidentKind::wire).toList();

    private final Jdbi jdbi;
    private final HealthCheckRegistry health;

    public SummaryResource(Jdbi jdbi, HealthCheckRegistry health) {
        this.jdbi = jdbi;
        this.health = health;
    }

    @GET
    public Map<String, Object> summary() {
        return jdbi.withHandle(h -> {
            Map<String, Object> byState = new LinkedHashMap<>();
            h.createQuery("SELECT state, sum(n) AS n FROM run_state_counts GROUP BY state HAVING sum(n) <> 0 "
                    + "ORDER BY state").mapToMap().forEach(row -> byState.put((String) row.get("state"), row.get("n")));
            long total = byState.values().stream().mapToLong(n -> ((Number) n).longValue()).sum();
            long onTime = count(byState, "proven");
            long decided = onTime + count(byState, "proven_late") + count(byState, "incident");
            List<Map<String, Object>> timeToProof = h.createQuery("SELECT r.event_type, count(*) AS proven, "
                            + "round(percentile_cont(0.5) WITHIN GROUP (ORDER BY ms)) AS p50_ms, "
                            + "round(percentile_cont(0.95) WITHIN GROUP (ORDER BY ms)) AS p95_ms FROM (SELECT r.event_type, "
                            + "greatest(0, extract(epoch FROM r.proven_at - coalesce(e.received, r.started_at)) * 1000) AS ms "
                            + "FROM (SELECT * FROM runs WHERE proven_at IS NOT NULL ORDER BY proven_at DESC LIMIT :latest) r "
                            + "LEFT JOIN stripe_events e ON e.event_id = r.event_id) r GROUP BY r.event_type "
                            + "ORDER BY r.event_type")
                    .bind("latest", TIME_TO_PROOF_WINDOW).mapToMap().list();
            long openIncidents = h.createQuery("SELECT count(*) FROM incidents WHERE resolved_at IS NULL")
                    .mapTo(Long.class).one();
            IncidentDao incidents = h.attach(IncidentDao.class);
            long cannotVerify = incidents.openOfKinds(CANNOT_VERIFY);
            Map<String, Object> runs = new LinkedHashMap<>();
            runs.put("total", total);
            runs.put("by_state", byState);
            Map<String, Object> share = new LinkedHashMap<>();
            share.put("proven", onTime);
            share.put("decided", decided);
            share.put("share", decided == 0 ? null : (double) onTime / decided);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("runs", runs);
            body.put("proven_within_deadline", share);
            body.put("time_to_proof", timeToProof);
            body.put("open_incidents", openIncidents);
            body.put("open_cannot_verify", cannotVerify);
            body.put("false_alarms_30d", incidents.falseAlarmsLast30Days());
            body.put("sight", sight());
            return body;
        });
    }

    private Map<String, Object> sight() {
        Map<String, Object> sight = new LinkedHashMap<>();
        for (String name : SIGHT) {
            if (health.getNames().contains(name)) {
                HealthCheck.Result result = health.runHealthCheck(name);
                Map<String, Object> check = new LinkedHashMap<>();
                check.put("healthy", result.isHealthy());
                check.put("message", result.getMessage());
                check.put("checked_at", result.getTimestamp());
                sight.put(name, check);
            }
        }
        return sight;
    }

    private static long count(Map<String, Object> byState, String state) {
        Object n = byState.get(state);
        return n == null ? 0 : ((Number) n).longValue();
    }
}
