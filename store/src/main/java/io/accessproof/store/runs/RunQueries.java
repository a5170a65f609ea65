package io.accessproof.store.runs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;
import org.jdbi.v3.core.statement.Query;

/** Reads runs for the operator surface: lists by filter with Stripe-like cursors, one run, its timeline. */
public final class RunQueries {
    private static final String SELECT = "SELECT r.event_id, r.event_type, r.customer_id, r.subscription_id, r.state, "
            + "r.expected::text AS expected, r.observed::text AS observed, r.proof_source, r.incident_id, "
            + "r.superseded_by, r.started_at, r.updated_at, r.closed_at, r.proven_at, e.received, e.livemode, "
            + "e.account, e.delivery_count FROM runs r LEFT JOIN stripe_events e ON e.event_id = r.event_id "
            + "LEFT JOIN incidents i ON i.incident_id = r.incident_id";
    private static final String NEWEST_FIRST = " ORDER BY r.started_at DESC, r.event_id DESC";

    private final Jdbi jdbi;

    public RunQueries(Jdbi jdbi) {
        this.jdbi = jdbi;
        jdbi.registerRowMapper(ConstructorMapper.factory(RunRow.class));
        jdbi.registerRowMapper(ConstructorMapper.factory(TimelineEntry.class));
    }

    /** Up to {@code limit} runs, newest first, strictly after the run {@code startingAfter} when given. */
    public List<RunRow> list(RunFilter filter, String startingAfter, int limit) {
        Map<String, Object> bindings = new LinkedHashMap<>();
        List<String> where = new ArrayList<>(filter.conditions(bindings));
        if (startingAfter != null) {
            where.add("(r.started_at, r.event_id) < (SELECT started_at, event_id FROM runs WHERE event_id = :after)");
            bindings.put("after", startingAfter);
        }
        String sql = SELECT + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where)) + NEWEST_FIRST
                + " LIMIT :limit";
        bindings.put("limit", limit);
        return jdbi.withHandle(h -> bind(h.createQuery(sql), bindings).mapTo(RunRow.class).list());
    }

    public Optional<RunRow> find(String eventId) {
        return jdbi.withHandle(h -> h.createQuery(SELECT + " WHERE r.event_id = :eventId")
                .bind("eventId", eventId).mapTo(RunRow.class).findOne());
    }

    public boolean exists(String eventId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM runs WHERE event_id = :e")
                .bind("e", eventId).mapTo(Integer.class).one()) > 0;
    }

    public List<TimelineEntry> timeline(String eventId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT at, state, note FROM run_timeline WHERE event_id = :e "
                        + "ORDER BY at, step").bind("e", eventId).mapTo(TimelineEntry.class).list());
    }

    private static Query bind(Query query, Map<String, Object> bindings) {
        bindings.forEach(query::bind);
        return query;
    }
}
