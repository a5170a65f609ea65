package io.accessproof.server.runs;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.accessproof.store.runs.SeriesDao;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/summary/series}: what the dashboard charts. Verdicts reached per minute over the last hour
 * (every minute present, zeros included), time to proof p50/p95 over the last hour and the last day, and
 * incidents opened per day over the last two weeks.
 */
@Path("/api/summary/series")
@Produces(MediaType.APPLICATION_JSON)
public final class SeriesResource {
    static final int MINUTES = 60;
    static final int DAYS = 14;

    private final SeriesDao series;
    private final Clock clock;

    public SeriesResource(SeriesDao series, Clock clock) {
        this.series = series;
        this.clock = clock;
    }

    /** The answer. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Series(List<Point> verdictsPerMinute, Map<String, SeriesDao.Percentiles> timeToProof,
                         List<Point> incidentsPerDay) {
    }

    /** One bucket: its start (ISO-8601) and a count per kind (verdicts by name; {@code opened} for incidents). */
    public record Point(String start, Map<String, Long> counts) {
    }

    @GET
    public Series series() {
        Instant now = clock.instant();
        Instant hourAgo = now.truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(MINUTES - 1));
        Instant daysAgo = now.truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(DAYS - 1));
        Map<String, SeriesDao.Percentiles> timeToProof = new LinkedHashMap<>();
        timeToProof.put("last_hour", series.timeToProof(now.minus(Duration.ofHours(1))));
        timeToProof.put("last_day", series.timeToProof(now.minus(Duration.ofDays(1))));
        return new Series(filled(series.verdictsPerMinute(hourAgo), hourAgo, ChronoUnit.MINUTES, MINUTES),
                timeToProof, filled(series.incidentsPerDay(daysAgo), daysAgo, ChronoUnit.DAYS, DAYS));
    }

    /** Every bucket from {@code first}, with the counts the query found in it (none: empty). */
    static List<Point> filled(List<SeriesDao.Bucket> found, Instant first, ChronoUnit unit, int buckets) {
        List<Point> points = new ArrayList<>(buckets);
        for (int i = 0; i < buckets; i++) {
            points.add(new Point(first.plus(i, unit).toString(), new LinkedHashMap<>()));
        }
        for (SeriesDao.Bucket bucket : found) {
            int index = (int) unit.between(first, bucket.start());
            if (index >= 0 && index < buckets) {
                points.get(index).counts().merge(bucket.kind(), bucket.n(), Long::sum);
            }
        }
        return points;
    }
}
