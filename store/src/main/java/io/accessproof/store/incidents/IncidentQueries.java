package io.accessproof.store.incidents;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;
import org.jdbi.v3.core.statement.Query;

/** Reads incidents for operators: list by status, kind and customer, one by id or by run. */
public final class IncidentQueries {
    /** Open incidents that share a cause (deploy SHA, reason code or event type) are one group. */
    private static final String SELECT = "SELECT i.incident_id, i.event_id, i.kind, i.title, i.customer_id, "
            + "i.subscription_id, i.event_type, i.deploy_sha, i.reason_code, i.group_key, "
            + "(SELECT count(*) FROM incidents g WHERE g.group_key = i.group_key AND g.resolved_at IS NULL) AS group_count, "
            + "(SELECT array_agg(s.event_id) FROM (SELECT g.event_id FROM incidents g WHERE g.group_key = i.group_key "
            + "AND g.resolved_at IS NULL ORDER BY g.opened_at, g.event_id LIMIT 50) s) AS group_event_ids, "
            + "i.opened_at, i.acknowledged_at, i.acknowledged_by, i.resolved_at, i.resolved_how, i.resolved_reason, i.resolved_note, "
            + "i.evidence::text AS evidence, i.notified::text AS notified FROM incidents i";

    /** Lifecycle filter of the list. */
    public enum Status { OPEN, ACKNOWLEDGED, RESOLVED, ALL }

    private final Jdbi jdbi;

    public IncidentQueries(Jdbi jdbi) {
        this.jdbi = jdbi;
        jdbi.registerRowMapper(ConstructorMapper.factory(IncidentRow.class));
    }

    public List<IncidentRow> list(Status status, String kind, String customer, int limit) {
        Map<String, Object> bindings = new LinkedHashMap<>();
        List<String> where = new ArrayList<>();
        switch (status) {
            case OPEN -> where.add("i.resolved_at IS NULL AND i.acknowledged_at IS NULL");
            case ACKNOWLEDGED -> where.add("i.resolved_at IS NULL AND i.acknowledged_at IS NOT NULL");
            case RESOLVED -> where.add("i.resolved_at IS NOT NULL");
            case ALL -> { }
        }
        if (kind != null) {
            where.add("i.kind = :kind");
            bindings.put("kind", kind);
        }
        if (customer != null) {
            where.add("i.customer_id = :customer");
            bindings.put("customer", customer);
        }
        bindings.put("limit", limit);
        String sql = SELECT + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
                + " ORDER BY i.opened_at DESC, i.incident_id DESC LIMIT :limit";
        return jdbi.withHandle(h -> {
            Query query = h.createQuery(sql);
            bindings.forEach(query::bind);
            return query.mapTo(IncidentRow.class).list();
        });
    }

    public Optional<IncidentRow> find(String incidentId) {
        return jdbi.withHandle(h -> h.createQuery(SELECT + " WHERE i.incident_id = :id").bind("id", incidentId)
                .mapTo(IncidentRow.class).findOne());
    }

    /** The run's incident: its open one, else its latest. */
    public Optional<IncidentRow> forRun(String eventId) {
        return jdbi.withHandle(h -> h.createQuery(SELECT + " WHERE i.event_id = :e "
                        + "ORDER BY (i.resolved_at IS NULL) DESC, i.opened_at DESC LIMIT 1").bind("e", eventId)
                .mapTo(IncidentRow.class).findOne());
    }
}
