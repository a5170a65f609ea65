package io.accessproof.store.stripe;

import java.util.Optional;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The {@code stripe_key_breakers} table: a bucket has a row while Stripe refuses its key. */
public interface KeyBreakerDao {

    /** Empty when the breaker is closed; else whether the next probe is due. */
    @SqlQuery("SELECT next_probe_at <= now() FROM stripe_key_breakers WHERE bucket = :bucket")
    Optional<Boolean> probeDue(@Bind("bucket") String bucket);

    /** Takes the due probe for this caller; false when another caller took it. */
    @SqlUpdate("""
            UPDATE stripe_key_breakers SET next_probe_at = now() + make_interval(secs => :every)
            WHERE bucket = :bucket AND next_probe_at <= now()""")
    boolean claimProbe(@Bind("bucket") String bucket, @Bind("every") double everySeconds);

    @SqlUpdate("""
            INSERT INTO stripe_key_breakers (bucket, refused_at, next_probe_at)
            VALUES (:bucket, now(), now() + make_interval(secs => :every))
            ON CONFLICT (bucket) DO UPDATE SET next_probe_at = now() + make_interval(secs => :every)""")
    void open(@Bind("bucket") String bucket, @Bind("every") double everySeconds);

    @SqlUpdate("DELETE FROM stripe_key_breakers WHERE bucket = :bucket")
    void close(@Bind("bucket") String bucket);
}
