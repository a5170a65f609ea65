package io.accessproof.store.proofs;

import java.time.Instant;
import java.util.function.Consumer;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

/**
 * The proof records of a time window in the order they were appended (each customer's chain in order, which the
 * time a run recorded need not be), read through a server-side cursor: constant memory for a million records
 * (PostgreSQL's driver fetches by the fetch size only inside a transaction).
 */
public final class ProofStream {
    private static final int FETCH = 1_000;

    private final Jdbi jdbi;

    public ProofStream(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public void forEach(Instant since, Instant until, Consumer<ProofRow> each) {
        jdbi.useTransaction(h -> h.createQuery("SELECT " + ProofDao.COLUMNS + " FROM proof_records "
                        + "WHERE recorded_at >= :since AND recorded_at < :until ORDER BY seq")
                .bind("since", since).bind("until", until)
                .setFetchSize(FETCH)
                .map(ConstructorMapper.of(ProofRow.class))
                .useStream(rows -> rows.forEach(each)));
    }
}
