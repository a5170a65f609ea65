package io.accessproof.store.runs;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** What {@code /api/summary} reads: counters and the latest proofs, the same cost at any number of runs. */
@RegisterConstructorMapper(SummaryDao.StateCount.class)
@RegisterConstructorMapper(SummaryDao.TimeToProof.class)
public interface SummaryDao {

    /** Runs in one state, from the counters {@code run_state_counts} keeps. */
    record StateCount(String state, long n) {
    }

    /** Time from Stripe's delivery to proof, per event type, in milliseconds. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record TimeToProof(String eventType, long proven, Double p50Ms, Double p95Ms) {
    }

    /** Runs per state, and how many were proven on time among those proven or escalated. */
    record Verdicts(Map<String, Long> byState, long total, long provenOnTime, long decided) {
        /** Null before the first decided run. */
        public Double provenShare() {
            return decided == 0 ? null : (double) provenOnTime / decided;
        }
    }

    default Verdicts verdicts() {
        Map<String, Long> byState = new LinkedHashMap<>();
        runsByState().forEach(count -> byState.put(count.state(), count.n()));
        long onTime = byState.getOrDefault("proven", 0L);
        long decided = onTime + byState.getOrDefault("proven_late", 0L) + byState.getOrDefault("incident", 0L);
        return new Verdicts(byState, byState.values().stream().mapToLong(Long::longValue).sum(), onTime, decided);
    }

    @SqlQuery("""
            SELECT state, sum(n) AS n FROM run_state_counts
            GROUP BY state HAVING sum(n) <> 0 ORDER BY state""")
    List<StateCount> runsByState();

    /** Over the {@code latest} proofs. */
    @SqlQuery("""
            SELECT r.event_type, count(*) AS proven,
                   round(percentile_cont(0.5) WITHIN GROUP (ORDER BY ms)) AS p50_ms,
                   round(percentile_cont(0.95) WITHIN GROUP (ORDER BY ms)) AS p95_ms
            FROM (SELECT r.event_type,
                         greatest(0, extract(epoch FROM r.proven_at - coalesce(e.received, r.started_at)) * 1000) AS ms
                  FROM (SELECT * FROM runs WHERE proven_at IS NOT NULL ORDER BY proven_at DESC LIMIT :latest) r
                  LEFT JOIN stripe_events e ON e.event_id = r.event_id) r
            GROUP BY r.event_type ORDER BY r.event_type""")
    List<TimeToProof> timeToProof(@Bind("latest") int latest);

    @SqlQuery("SELECT count(*) FROM incidents WHERE resolved_at IS NULL")
    long openIncidents();

    /** How long the oldest run still without a verdict (accepted or proving) has run; 0 when none. */
    @SqlQuery("""
            SELECT coalesce(extract(epoch FROM now() - min(started_at)), 0)::bigint FROM runs
            WHERE state IN ('accepted', 'proving')""")
    long oldestUnverifiedSeconds();
}
