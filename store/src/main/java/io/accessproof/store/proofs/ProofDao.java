package io.accessproof.store.proofs;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.transaction.Transaction;

/** The {@code proof_records} table: appended by the activities that write a run's verdict, never changed. */
@RegisterConstructorMapper(ProofRow.class)
public interface ProofDao {
    String COLUMNS = "seq, event_id, customer_id, verdict, recorded_at, record, sha256, prev_sha256";

    /** Serialises the appends of one customer's chain until the transaction ends. */
    @SqlQuery("SELECT 1 FROM pg_advisory_xact_lock(hashtextextended('proof:' || :customer, 0))")
    int lockChain(@Bind("customer") String customerId);

    /**
     * Appends the entry after the customer's latest record unless the run's latest record has the same verdict;
     * the hash is {@link ProofChain#hash} computed by PostgreSQL, so the append is one statement under the lock.
     * Returns 0 when nothing was appended (same verdict, or a retried step).
     */
    @SqlUpdate("""
            INSERT INTO proof_records (event_id, writer, step, customer_id, verdict, recorded_at, record, sha256,
                                       prev_sha256)
            SELECT :eventId, :writer, :step, :customerId, :verdict, :recordedAt, :record,
                   encode(sha256(convert_to(coalesce(prev.sha256, '') || E'\\n' || :record, 'UTF8')), 'hex'),
                   prev.sha256
            FROM (SELECT (SELECT sha256 FROM proof_records WHERE customer_id = :customerId
                          ORDER BY seq DESC LIMIT 1) AS sha256) prev
            WHERE NOT EXISTS (SELECT 1 FROM (SELECT verdict FROM proof_records WHERE event_id = :eventId
                                             ORDER BY seq DESC LIMIT 1) latest WHERE latest.verdict = :verdict)
            ON CONFLICT (event_id, writer, step) DO NOTHING""")
    int insertAfterLatest(@BindMethods ProofEntry entry);

    /** Appends a record to its customer's chain when the run's verdict changed; inside the verdict's transaction. */
    @Transaction
    default boolean append(ProofEntry entry) {
        lockChain(entry.customerId());
        return insertAfterLatest(entry) == 1;
    }

    @SqlQuery("SELECT " + COLUMNS + " FROM proof_records WHERE event_id = :eventId ORDER BY seq")
    List<ProofRow> forRun(@Bind("eventId") String eventId);

    @SqlQuery("SELECT count(*) FROM proof_records WHERE recorded_at >= :since AND recorded_at < :until")
    long count(@Bind("since") Instant since, @Bind("until") Instant until);
}
