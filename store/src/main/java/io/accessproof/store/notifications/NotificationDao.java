package io.accessproof.store.notifications;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * Notification state on the {@code incidents} table: the append-only {@code notified} list of attempts and
 * group decisions, and the groups built from it (no column of its own, so no migration).
 */
@RegisterConstructorMapper(NotifiedIncident.class)
@RegisterConstructorMapper(IncidentGroup.class)
public interface NotificationDao {

    @SqlQuery("SELECT incident_id, event_id, kind, title, customer_id, subscription_id, event_type, deploy_sha, "
            + "reason_code, group_key, evidence::text AS evidence, opened_at, notified::text AS notified "
            + "FROM incidents WHERE incident_id = :incidentId")
    Optional<NotifiedIncident> find(@Bind("incidentId") String incidentId);

    /** Appends one {@link Attempt} (as JSON) to the incident's {@code notified} list. */
    @SqlUpdate("UPDATE incidents SET notified = notified || jsonb_build_array(CAST(:attempt AS jsonb)) "
            + "WHERE incident_id = :incidentId")
    int append(@Bind("incidentId") String incidentId, @Bind("attempt") String attemptJson);

    /** Serialises group decisions of one group key until the end of the transaction. */
    @SqlQuery("SELECT 1 FROM pg_advisory_xact_lock(hashtext('incident-group:' || :groupKey))")
    int lockGroup(@Bind("groupKey") String groupKey);

    /**
     * The open group an incident opened at {@code openedAt} joins: the earliest still-open incident with the
     * same group key, opened before it and not before {@code since}, that leads a group itself.
     */
    @SqlQuery("SELECT incident_id FROM incidents WHERE group_key = :groupKey AND incident_id <> :incidentId "
            + "AND resolved_at IS NULL AND opened_at >= :since "
            + "AND (opened_at < :openedAt OR (opened_at = :openedAt AND incident_id < :incidentId)) "
            + "AND NOT notified @> CAST('[{\"outcome\":\"grouped\"}]' AS jsonb) "
            + "ORDER BY opened_at, incident_id LIMIT 1")
    Optional<String> openGroupLeader(@Bind("groupKey") String groupKey, @Bind("incidentId") String incidentId,
            @Bind("openedAt") Instant openedAt, @Bind("since") Instant since);

    /**
     * The group of an incident, leader or member, with its size (1 for an incident that leads a group no
     * other incident joined, or whose group was not decided yet). Empty when there is no such incident.
     */
    @SqlQuery("WITH me AS (SELECT group_key, COALESCE((SELECT e->>'grouped_into' FROM jsonb_array_elements(notified) e "
            + "WHERE e->>'outcome' = 'grouped' LIMIT 1), incident_id) AS leader FROM incidents "
            + "WHERE incident_id = :incidentId) "
            + "SELECT me.leader AS leader_incident_id, me.group_key, (SELECT count(*) FROM incidents i "
            + "WHERE i.incident_id = me.leader OR i.notified @> jsonb_build_array(jsonb_build_object("
            + "'outcome', 'grouped', 'grouped_into', me.leader))) AS size FROM me")
    Optional<IncidentGroup> groupOf(@Bind("incidentId") String incidentId);
}
