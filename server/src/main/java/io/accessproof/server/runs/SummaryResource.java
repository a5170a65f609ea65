package io.accessproof.server.runs;

import com.codahale.metrics.health.HealthCheck;
import com.codahale.metrics.health.HealthCheckRegistry;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.accessproof.store.incidents.IncidentDao;
import io.accessproof.store.runs.SummaryDao;
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

    /** The answer of {@code GET /api/summary}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Summary(Runs runs, ProvenWithinDeadline provenWithinDeadline,
                          List<SummaryDao.TimeToProof> timeToProof, long openIncidents, long openCannotVerify,
                          @JsonProperty("false_alarms_30d") long falseAlarms30d, Map<String, Sight> sight) {
    }

    /** Runs in total and per state. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Runs(long total, Map<String, Long> byState) {
    }

    /** Proven on time among the runs that were proven or escalated; null share before the first. */
    public record ProvenWithinDeadline(long proven, long decided, Double share) {
    }

    /** The last result of a health check that says whether accessproof can see Stripe or the app. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Sight(boolean healthy, String message, String checkedAt) {
    }

    @GET
    public Summary summary() {
        return jdbi.withHandle(h -> {
            SummaryDao summary = h.attach(SummaryDao.class);
            IncidentDao incidents = h.attach(IncidentDao.class);
            SummaryDao.Verdicts verdicts = summary.verdicts();
            return new Summary(new Runs(verdicts.total(), verdicts.byState()),
                    new ProvenWithinDeadline(verdicts.provenOnTime(), verdicts.decided(), verdicts.provenShare()),
                    summary.timeToProof(TIME_TO_PROOF_WINDOW), summary.openIncidents(),
                    incidents.openOfKinds(CANNOT_VERIFY), incidents.falseAlarmsLast30Days(), sight());
        });
    }

    private Map<String, Sight> sight() {
        Map<String, Sight> sight = new LinkedHashMap<>();
        for (String name : SIGHT) {
            if (health.getNames().contains(name)) {
                HealthCheck.Result result = health.runHealthCheck(name);
                sight.put(name, new Sight(result.isHealthy(), result.getMessage(), result.getTimestamp()));
            }
        }
        return sight;
    }
}
