package io.accessproof.store.stripe;

import java.util.Optional;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The {@code stripe_rate_limits} table: one generic cell rate per bucket ({@code tat}, the theoretical arrival
 * time), shared by every worker and replica because Stripe's read limit is per account.
 */
public interface RateLimitDao {

    /**
     * Reserves the next permit when one is free within {@code maxWait} seconds; returns how long to wait for
     * it (seconds), or empty when none is (nothing reserved) or the bucket has no row yet.
     */
    @SqlQuery("""
            UPDATE stripe_rate_limits
            SET tat = GREATEST(tat, now()) + make_interval(secs => :interval)
            WHERE bucket = :bucket
              AND GREATEST(tat - make_interval(secs => :tau), now()) <= now() + make_interval(secs => :maxWait)
            RETURNING EXTRACT(EPOCH FROM GREATEST(tat - make_interval(secs => :interval + :tau), now()) - now())""")
    Optional<Double> reserve(@Bind("bucket") String bucket, @Bind("interval") double interval, @Bind("tau") double tau,
                             @Bind("maxWait") double maxWait);

    /** Creates the bucket's row; false when it exists. */
    @SqlUpdate("INSERT INTO stripe_rate_limits (bucket, tat) VALUES (:bucket, '-infinity') ON CONFLICT (bucket) DO NOTHING")
    boolean create(@Bind("bucket") String bucket);
}
