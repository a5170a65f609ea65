package io.accessproof.store.incidents;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The {@code incidents} table; at most one open incident per run (a partial unique index). */
public interface IncidentDao {

    @SqlQuery("SELECT incident_id FROM incidents WHERE event_id = :eventId AND resolved_at IS NULL")
    Optional<String> openFor(@Bind("eventId") String eventId);

    /** Inserts the incident unless the run already has an open one; returns the number of rows inserted. */
    @SqlUpdate("INSERT INTO incidents (incident_id, event_id, kind, title, customer_id, subscription_id, event_type, "
            + "deploy_sha, reason_code, group_key, evidence, opened_at) VALUES (:incidentId, :eventId, :kind, :title, "
            + ":customerId, :subscriptionId, :eventType, :deploySha, :reasonCode, :groupKey, CAST(:evidenceJson AS jsonb), "
            + ":openedAt) ON CONFLICT (event_id) WHERE resolved_at IS NULL DO NOTHING")
    int insertIfNoneOpen(@BindMethods NewIncident incident);

    @SqlQuery("SELECT count(*) FROM incidents WHERE resolved_at IS NULL AND kind = :kind")
    long openOfKind(@Bind("kind") String kind);

    @SqlQuery("SELECT count(*) FROM incidents WHERE resolved_at IS NULL AND kind IN (<kinds>)")
    long openOfKinds(@BindList("kinds") List<String> kinds);

    @SqlQuery("SELECT count(*) FROM incidents WHERE resolved_at > now() - interval '30 days' AND resolved_reason = 'false_alarm'")
    long falseAlarmsLast30Days();

    @SqlUpdate("UPDATE runs SET incident_id = :incidentId WHERE event_id = :eventId")
    void linkRun(@Bind("eventId") String eventId, @Bind("incidentId") String incidentId);

    @SqlUpdate("UPDATE incidents SET resolved_at = now(), resolved_how = :how, resolved_reason = :how, resolved_note = :note "
            + "WHERE event_id = :eventId AND resolved_at IS NULL")
    int resolveOpen(@Bind("eventId") String eventId, @Bind("how") String how, @Bind("note") String note);

    /** Returns the number of rows changed: 0 when the incident is unknown or no longer open for acknowledgement. */
    @SqlUpdate("UPDATE incidents SET acknowledged_at = now(), acknowledged_by = :by "
            + "WHERE incident_id = :id AND resolved_at IS NULL AND acknowledged_at IS NULL")
    int acknowledge(@Bind("id") String incidentId, @Bind("by") String actor);

    /** Resolves an open incident by hand ({@code reason} as the API spells it); 0 when unknown or already resolved. */
    @SqlUpdate("UPDATE incidents SET resolved_at = now(), resolved_how = :how, resolved_reason = :reason, "
            + "resolved_note = :note WHERE incident_id = :id AND resolved_at IS NULL")
    int resolve(@Bind("id") String incidentId, @Bind("how") String how, @Bind("reason") String reason,
                @Bind("note") String note);

    @SqlQuery("SELECT EXISTS (SELECT 1 FROM incidents WHERE incident_id = :id)")
    boolean exists(@Bind("id") String incidentId);
}
