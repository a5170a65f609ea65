package io.accessproof.store.sweeps;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The {@code sweeps} and {@code sweep_cursors} tables. */
@RegisterConstructorMapper(SweepRow.class)
public interface SweepDao {

    @SqlQuery("""
            SELECT sweep_id, periodic,
                   CASE WHEN error IS NOT NULL THEN 'failed' WHEN finished_at IS NOT NULL THEN 'done' ELSE 'running' END
                       AS status,
                   since, until, started_at, finished_at, pages, listed, already_stored, dispatched, error
            FROM sweeps WHERE sweep_id = :id""")
    Optional<SweepRow> find(@Bind("id") String sweepId);

    /** Starts (or, on an activity's retry, starts again) the pass's row. */
    @SqlUpdate("INSERT INTO sweeps (sweep_id, periodic, since, until) VALUES (:id, :periodic, :since, :until) "
            + "ON CONFLICT (sweep_id) DO UPDATE SET since = EXCLUDED.since, until = EXCLUDED.until, started_at = now(), "
            + "finished_at = NULL, pages = 0, listed = 0, already_stored = 0, dispatched = 0, error = NULL")
    void start(@Bind("id") String sweepId, @Bind("periodic") boolean periodic, @Bind("since") Instant since,
               @Bind("until") Instant until);

    @SqlUpdate("UPDATE sweeps SET pages = :pages, listed = :listed, already_stored = :stored, dispatched = :dispatched "
            + "WHERE sweep_id = :id")
    void progress(@Bind("id") String sweepId, @Bind("pages") int pages, @Bind("listed") int listed,
                  @Bind("stored") int alreadyStored, @Bind("dispatched") int dispatched);

    @SqlUpdate("UPDATE sweeps SET finished_at = now() WHERE sweep_id = :id")
    void finish(@Bind("id") String sweepId);

    @SqlUpdate("UPDATE sweeps SET error = :error WHERE sweep_id = :id")
    void fail(@Bind("id") String sweepId, @Bind("error") String error);

    @SqlQuery("SELECT upto FROM sweep_cursors WHERE mode = :mode")
    Optional<Instant> cursor(@Bind("mode") String mode);

    @SqlUpdate("INSERT INTO sweep_cursors (mode, upto) VALUES (:mode, :upto) "
            + "ON CONFLICT (mode) DO UPDATE SET upto = GREATEST(sweep_cursors.upto, EXCLUDED.upto)")
    void advance(@Bind("mode") String mode, @Bind("upto") Instant upto);
}
