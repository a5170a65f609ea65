package io.accessproof.store.runs;

import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** A customer's runs as support reads them. */
@RegisterConstructorMapper(CustomerRunsDao.LatestRun.class)
public interface CustomerRunsDao {

    /** A run and its expectation (jsonb as text). */
    record LatestRun(String eventId, String eventType, String subscriptionId, String state, String expected) {
    }

    /** The latest run of each of the customer's subscriptions (by Stripe's event time), superseded ones left out. */
    @SqlQuery("""
            SELECT DISTINCT ON (coalesce(subscription_id, event_id))
                   event_id, event_type, subscription_id, state, expected::text AS expected
            FROM runs
            WHERE customer_id = :customer AND state NOT IN ('superseded', 'terminated')
            ORDER BY coalesce(subscription_id, event_id), event_created DESC NULLS LAST, started_at DESC""")
    List<LatestRun> latestPerSubscription(@Bind("customer") String customerId);
}
