package io.accessproof.store.runs;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** The dashboard's charts: verdicts per minute, time to proof over a window, incidents opened per day. */
@RegisterConstructorMapper(SeriesDao.Bucket.class)
@RegisterConstructorMapper(SeriesDao.Percentiles.class)
public interface SeriesDao {

    /** How many of one kind (a verdict, incidents opened) fell in the bucket starting at {@code start}. */
    record Bucket(Instant start, String kind, long n) {
    }

    /** Time from receipt to proof over a window; null percentiles when nothing was proven in it. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Percentiles(long proven, Double p50Ms, Double p95Ms) {
    }

    /** Verdicts reached per minute since {@code since}, from the proof records (one per verdict reached). */
    @SqlQuery("""
            SELECT date_trunc('minute', recorded_at) AS start, verdict AS kind, count(*) AS n
            FROM proof_records WHERE recorded_at >= :since
            GROUP BY 1, 2 ORDER BY 1, 2""")
    List<Bucket> verdictsPerMinute(@Bind("since") Instant since);

    @SqlQuery("""
            SELECT count(*) AS proven,
                   round(percentile_cont(0.5) WITHIN GROUP (ORDER BY ms)) AS p50_ms,
                   round(percentile_cont(0.95) WITHIN GROUP (ORDER BY ms)) AS p95_ms
            FROM (SELECT greatest(0, extract(epoch FROM r.proven_at - coalesce(e.received, r.started_at)) * 1000) AS ms
                  FROM runs r LEFT JOIN stripe_events e ON e.event_id = r.event_id
                  WHERE r.proven_at >= :since) proofs""")
    Percentiles timeToProof(@Bind("since") Instant since);

    @SqlQuery("""
            SELECT date_trunc('day', opened_at) AS start, 'opened' AS kind, count(*) AS n
            FROM incidents WHERE opened_at >= :since GROUP BY 1 ORDER BY 1""")
    List<Bucket> incidentsPerDay(@Bind("since") Instant since);
}
