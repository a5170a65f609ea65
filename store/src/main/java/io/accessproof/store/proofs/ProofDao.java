package io.accessproof.store.proofs;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
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

    @SqlQuery("SELECT sha256 FROM proof_records WHERE customer_id = :customer ORDER BY seq DESC LIMIT 1")
    Optional<String> lastHash(@Bind("customer") String customerId);

    @SqlQuery("SELECT verdict FROM proof_records WHERE event_id = :eventId ORDER BY seq DESC LIMIT 1")
    Optional<String> lastVerdict(@Bind("eventId") String eventId);

    /** Returns 0 when this step's record exists already (a retried activity). */
    @SqlUpdate("""
            INSERT INTO proof_records (event_id, writer, step, customer_id, verdict, recorded_at, record, sha256,
                                       prev_sha256)
            VALUES (:eventId, :writer, :step, :customer, :verdict, :at, :record, :sha256, :prev)
            ON CONFLICT (event_id, writer, step) DO NOTHING""")
    int insert(@Bind("eventId") String eventId, @Bind("writer") String writer, @Bind("step") int step,
               @Bind("customer") String customerId, @Bind("verdict") String verdict, @Bind("at") Instant recordedAt,
               @Bind("record") String record, @Bind("sha256") String sha256, @Bind("prev") String prevSha256);

    /**
     * Appends a record to its customer's chain when the run's verdict changed (a note in the same state appends
     * nothing); call inside the transaction that writes the verdict.
     */
    @Transaction
    default boolean append(ProofEntry entry) {
        lockChain(entry.customerId());
        if (lastVerdict(entry.eventId()).filter(entry.verdict()::equals).isPresent()) {
            return false;
        }
        String prev = lastHash(entry.customerId()).orElse(null);
        return insert(entry.eventId(), entry.writer(), entry.step(), entry.customerId(), entry.verdict(),
                entry.recordedAt(), entry.record(), ProofChain.hash(prev, entry.record()), prev) == 1;
    }

    @SqlQuery("SELECT " + COLUMNS + " FROM proof_records WHERE event_id = :eventId ORDER BY seq")
    List<ProofRow> forRun(@Bind("eventId") String eventId);

    @SqlQuery("SELECT count(*) FROM proof_records WHERE recorded_at >= :since AND recorded_at < :until")
    long count(@Bind("since") Instant since, @Bind("until") Instant until);
}
