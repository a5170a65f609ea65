package io.accessproof.store.runs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which runs an operator means: every set field must match. Used by the list and by bulk actions.
 *
 * @param since runs started at or after this instant
 * @param until runs started before this instant
 */
public record RunFilter(String state, String type, String customer, String subscription, String incidentKind,
                        String deploySha, Instant since, Instant until) {

    public static final RunFilter NONE = new RunFilter(null, null, null, null, null, null, null, null);

    public boolean empty() {
        return equals(NONE);
    }

    /** The WHERE conditions (joined with AND) and their bindings, over {@code runs r} and {@code incidents i}. */
    List<String> conditions(Map<String, Object> bindings) {
        List<String> where = new ArrayList<>();
        add(where, bindings, "r.state = :state", "state", state);
        add(where, bindings, "r.event_type = :type", "type", type);
        add(where, bindings, "r.customer_id = :customer", "customer", customer);
        add(where, bindings, "r.subscription_id = :subscription", "subscription", subscription);
        add(where, bindings, "i.kind = :incidentKind", "incidentKind", incidentKind);
        add(where, bindings, "(i.deploy_sha = :deploySha OR r.observed ->> 'deploy_sha' = :deploySha)", "deploySha",
                deploySha);
        add(where, bindings, "r.started_at >= :since", "since", since);
        add(where, bindings, "r.started_at < :until", "until", until);
        return where;
    }

    /** The filter as the audit log records it. */
    public Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        conditions(map);
        map.replaceAll((field, value) -> value.toString());
        return map;
    }

    private static void add(List<String> where, Map<String, Object> bindings, String condition, String name,
                            Object value) {
        if (value != null) {
            where.add(condition);
            bindings.put(name, value);
        }
    }
}
