package io.accessproof.store.operators;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The {@code bulk_jobs} table, written only by each job's workflow. */
@RegisterConstructorMapper(BulkJobRow.class)
public interface BulkJobDao {
    String COLUMNS = "job_id, action, actor, reason, CAST(filter AS text) AS filter, event_ids, position, failed, "
            + "created_at, finished_at";

    /** Returns 1 when the job is new, 0 when it already exists (a retried or resumed start). */
    @SqlUpdate("""
            INSERT INTO bulk_jobs (job_id, action, actor, reason, filter, event_ids)
            VALUES (:jobId, :action, :actor, :reason, CAST(:filter AS jsonb), :eventIds)
            ON CONFLICT (job_id) DO NOTHING""")
    int create(@Bind("jobId") String jobId, @Bind("action") String action, @Bind("actor") String actor,
               @Bind("reason") String reason, @Bind("filter") String filterJson, @Bind("eventIds") String[] eventIds);

    @SqlQuery("SELECT " + COLUMNS + " FROM bulk_jobs WHERE job_id = :jobId")
    Optional<BulkJobRow> find(@Bind("jobId") String jobId);

    /** Moves the checkpoint past one run, only from where it was, so a retried step never counts twice. */
    @SqlUpdate("""
            UPDATE bulk_jobs SET position = position + 1, failed = failed + :failed,
                   finished_at = CASE WHEN position + 1 >= cardinality(event_ids) THEN now() END
            WHERE job_id = :jobId AND position = :at""")
    int advance(@Bind("jobId") String jobId, @Bind("at") int position, @Bind("failed") int failed);

    /** A job with no runs is finished as soon as it exists. */
    @SqlUpdate("UPDATE bulk_jobs SET finished_at = now() WHERE job_id = :jobId AND cardinality(event_ids) = 0 "
            + "AND finished_at IS NULL")
    void finishIfEmpty(@Bind("jobId") String jobId);

    @SqlQuery("SELECT " + COLUMNS + " FROM bulk_jobs WHERE finished_at IS NULL ORDER BY created_at")
    List<BulkJobRow> running();
}
