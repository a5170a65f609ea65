package io.accessproof.store.retention;

import java.util.List;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The purge job's statements: each touches at most {@code :batch} rows (skipping rows another transaction
 * holds), so none holds a lock for long. Retentions are in seconds, reckoned on the database's clock.
 */
public interface RetentionDao {

    /** Drops the signed bytes of events received before the retention; the row and its ids stay. */
    @SqlUpdate("UPDATE stripe_events SET raw_payload = '\\x'::bytea WHERE event_id IN (SELECT event_id "
            + "FROM stripe_events WHERE octet_length(raw_payload) > 0 AND received < now() - make_interval(secs => :keep) "
            + "ORDER BY received LIMIT :batch FOR UPDATE SKIP LOCKED)")
    int dropRawBodies(@Bind("keep") long keepSeconds, @Bind("batch") int batch);

    /**
     * Removes runs closed before the retention whose incident, if any, is resolved, with their event,
     * timeline, receipts and incidents, in one statement.
     */
    @SqlQuery("WITH doomed AS (SELECT r.event_id FROM runs r WHERE r.closed_at < now() - make_interval(secs => :keep) "
            + "AND NOT EXISTS (SELECT 1 FROM incidents i WHERE i.event_id = r.event_id AND i.resolved_at IS NULL) "
            + "ORDER BY r.closed_at LIMIT :batch FOR UPDATE OF r SKIP LOCKED), "
            + "timeline AS (DELETE FROM run_timeline WHERE event_id IN (SELECT event_id FROM doomed)), "
            + "receipts AS (DELETE FROM receipts WHERE event_id IN (SELECT event_id FROM doomed)), "
            + "incidents AS (DELETE FROM incidents WHERE event_id IN (SELECT event_id FROM doomed)), "
            + "events AS (DELETE FROM stripe_events WHERE event_id IN (SELECT event_id FROM doomed)), "
            + "runs AS (DELETE FROM runs WHERE event_id IN (SELECT event_id FROM doomed) RETURNING 1) "
            + "SELECT count(*) FROM runs")
    int removeClosedRuns(@Bind("keep") long keepSeconds, @Bind("batch") int batch);

    /** Removes dispatched events of types that start no run, received before the retention, with their receipts. */
    @SqlQuery("WITH doomed AS (SELECT event_id FROM stripe_events WHERE ignored AND dispatched IS NOT NULL "
            + "AND received < now() - make_interval(secs => :keep) ORDER BY received LIMIT :batch FOR UPDATE SKIP LOCKED), "
            + "receipts AS (DELETE FROM receipts WHERE event_id IN (SELECT event_id FROM doomed)), "
            + "events AS (DELETE FROM stripe_events WHERE event_id IN (SELECT event_id FROM doomed) RETURNING 1) "
            + "SELECT count(*) FROM events")
    int removeEventsWithoutRuns(@Bind("keep") long keepSeconds, @Bind("batch") int batch);

    /** Removes receipts that came before an event which never came, received before the retention. */
    @SqlUpdate("DELETE FROM receipts WHERE (app, receipt_id) IN (SELECT app, receipt_id FROM receipts r "
            + "WHERE r.before_event AND r.received_at < now() - make_interval(secs => :keep) "
            + "AND NOT EXISTS (SELECT 1 FROM stripe_events e WHERE e.event_id = r.event_id) "
            + "AND NOT EXISTS (SELECT 1 FROM runs u WHERE u.event_id = r.event_id) LIMIT :batch)")
    int removeReceiptsWithoutEvents(@Bind("keep") long keepSeconds, @Bind("batch") int batch);

    /** Removes sweeps that ended before the retention. */
    @SqlUpdate("DELETE FROM sweeps WHERE sweep_id IN (SELECT sweep_id FROM sweeps WHERE started_at < now() "
            + "- make_interval(secs => :keep) AND (finished_at IS NOT NULL OR error IS NOT NULL) LIMIT :batch)")
    int removeSweeps(@Bind("keep") long keepSeconds, @Bind("batch") int batch);

    /** Removes audits that ended before the retention, with their findings. */
    @SqlQuery("WITH doomed AS (SELECT audit_id FROM audits WHERE status <> 'running' "
            + "AND finished_at < now() - make_interval(secs => :keep) LIMIT :batch), "
            + "findings AS (DELETE FROM audit_findings WHERE audit_id IN (SELECT audit_id FROM doomed)), "
            + "gone AS (DELETE FROM audits WHERE audit_id IN (SELECT audit_id FROM doomed) RETURNING 1) "
            + "SELECT count(*) FROM gone")
    int removeAudits(@Bind("keep") long keepSeconds, @Bind("batch") int batch);

    @SqlUpdate("DELETE FROM audit_log WHERE id IN (SELECT id FROM audit_log "
            + "WHERE at < now() - make_interval(secs => :keep) ORDER BY id LIMIT :batch)")
    int removeAuditEntries(@Bind("keep") long keepSeconds, @Bind("batch") int batch);

    /** Customers Stripe deleted whose {@code customer.deleted} event still holds its signed bytes. */
    @SqlQuery("SELECT DISTINCT customer_id FROM stripe_events WHERE type = 'customer.deleted' "
            + "AND customer_id IS NOT NULL AND octet_length(raw_payload) > 0 LIMIT :batch")
    List<String> deletedCustomersNotErased(@Bind("batch") int batch);
}
